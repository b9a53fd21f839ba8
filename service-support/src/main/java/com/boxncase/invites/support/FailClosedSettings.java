package com.boxncase.invites.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Fail-closed start-up. Outside the {@code local} profile, each setting a service declares here must be set, and not
 * to a published value: any value written in an {@code application-local.yml} on the classpath (the development
 * secrets of {@code ./run-local}, the tests and the README). Otherwise the service refuses to start, before it creates
 * a single bean or connects anywhere, with a message naming every such setting and its environment variable.
 *
 * <p>Declare it in each service as a {@code static @Bean}, so it runs as the bean factory is prepared:
 *
 * <pre>{@code
 * @Bean
 * static FailClosedSettings failClosedSettings() {
 *     return FailClosedSettings.outsideLocalProfile(
 *             Requirement.of("invites.links.secret", "the key invite links are derived from"));
 * }
 * }</pre>
 */
public final class FailClosedSettings implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

    /** The profile in which the published development values are allowed. */
    public static final String LOCAL_PROFILE = "local";

    private final List<Requirement> requirements;
    private Environment environment;

    private FailClosedSettings(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    public static FailClosedSettings outsideLocalProfile(Requirement... requirements) {
        return new FailClosedSettings(List.of(requirements));
    }

    /**
     * A setting that must hold a private value outside the local profile.
     *
     * @param property the Spring property
     * @param purpose what it protects, for the message
     * @param unlessSet properties any one of which, when set, makes this one unnecessary (an issuer instead of an
     *     HMAC secret)
     */
    public record Requirement(String property, String purpose, List<String> unlessSet) {

        public static Requirement of(String property, String purpose) {
            return new Requirement(property, purpose, List.of());
        }

        public Requirement unlessSet(String... alternatives) {
            return new Requirement(property, purpose, List.of(alternatives));
        }
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new InsecureSettings(problems);
        }
    }

    /** What is wrong with the environment's settings, one line per setting; empty in the local profile. */
    List<String> problems(Environment environment) {
        if (environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
            return List.of();
        }
        Set<String> published = publishedValues();
        List<String> problems = new ArrayList<>();
        for (Requirement requirement : requirements) {
            if (requirement.unlessSet().stream().anyMatch(alternative -> isSet(environment, alternative))) {
                continue;
            }
            String value = environment.getProperty(requirement.property());
            String unless = requirement.unlessSet().isEmpty()
                    ? ""
                    : " (or set " + String.join(" or ", requirement.unlessSet()) + ")";
            if (value == null || value.isBlank()) {
                problems.add(describe(requirement) + " is not set" + unless);
            } else if (published.contains(value.strip())) {
                problems.add(describe(requirement) + " holds a published development value" + unless);
            }
        }
        return problems;
    }

    private static String describe(Requirement requirement) {
        return requirement.property() + " (env " + environmentVariable(requirement.property()) + ", "
                + requirement.purpose() + ")";
    }

    /** {@code invites.security.jwt.hmac-secret} -> {@code INVITES_SECURITY_JWT_HMACSECRET}, as Boot binds it. */
    static String environmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static boolean isSet(Environment environment, String property) {
        String value = environment.getProperty(property);
        return value != null && !value.isBlank();
    }

    /** Every value of every {@code application-local.yml} on the classpath. */
    static Set<String> publishedValues() {
        Set<String> values = new HashSet<>();
        try {
            Resource[] files =
                    new PathMatchingResourcePatternResolver().getResources("classpath*:application-local.yml");
            for (Resource file : files) {
                for (var source : new YamlPropertySourceLoader().load(file.getDescription(), file)) {
                    if (source instanceof EnumerablePropertySource<?> enumerable) {
                        Arrays.stream(enumerable.getPropertyNames())
                                .map(enumerable::getProperty)
                                .filter(value ->
                                        value != null && !String.valueOf(value).isBlank())
                                .forEach(value ->
                                        values.add(String.valueOf(value).strip()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local profile's settings", e);
        }
        return values;
    }

    /** The service refuses to start: the message lists every setting at fault and what to do. */
    public static final class InsecureSettings extends IllegalStateException {

        private final List<String> problems;

        InsecureSettings(List<String> problems) {
            super("Refusing to start outside the '" + LOCAL_PROFILE + "' profile:\n  - "
                    + String.join("\n  - ", problems)
                    + "\nSet each to a private value (secrets: at least 32 random bytes). On a development machine, run"
                    + " with the '" + LOCAL_PROFILE + "' profile (SPRING_PROFILES_ACTIVE=" + LOCAL_PROFILE
                    + "), which holds the published development values.");
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
