package com.boxncase.invites.templates;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.OutputFormat;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.TemplateExceptionHandler;

/**
 * The FreeMarker configurations for store-editable templates. A template can read the model's strings and
 * booleans and nothing else: no class instantiation ({@code ?new}), no {@code ?api}, no template loading
 * ({@code #include}/{@code #import}), and an object wrapper that refuses every non-basic Java object.
 */
final class Sandbox {

    static final Configuration HTML = configuration(HTMLOutputFormat.INSTANCE);
    static final Configuration TEXT = configuration(PlainTextOutputFormat.INSTANCE);

    private Sandbox() {}

    private static Configuration configuration(OutputFormat outputFormat) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setAPIBuiltinEnabled(false);
        SimpleObjectWrapper wrapper = new SimpleObjectWrapper(Configuration.VERSION_2_3_34);
        wrapper.writeProtect();
        cfg.setObjectWrapper(wrapper);
        cfg.setTemplateLoader(null);
        cfg.setLocalizedLookup(false);
        cfg.setRecognizeStandardFileExtensions(false);
        cfg.setOutputFormat(outputFormat);
        cfg.setAutoEscapingPolicy(Configuration.ENABLE_IF_DEFAULT_AUTO_ESCAPING_POLICY);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setDefaultEncoding("UTF-8");
        return cfg;
    }
}
