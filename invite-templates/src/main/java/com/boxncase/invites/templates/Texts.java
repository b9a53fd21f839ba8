package com.boxncase.invites.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shipped texts beside the templates, {@code com/boxncase/invites/templates/<name>_<language>.properties} in
 * UTF-8 ({@code roles}, {@code time}). Read once per name and language; a language without a file has no texts.
 */
final class Texts {

    private static final Map<String, Map<String, String>> LOADED = new ConcurrentHashMap<>();

    private Texts() {}

    static Map<String, String> of(String name, String language) {
        return LOADED.computeIfAbsent(name + "_" + language, Texts::load);
    }

    private static Map<String, String> load(String baseName) {
        try (InputStream in = Texts.class.getResourceAsStream(baseName + ".properties")) {
            if (in == null) {
                return Map.of();
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> texts = new HashMap<>();
            properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
            return Map.copyOf(texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
