package com.boxncase.invites.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.boxncase.invites.api.support.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** {@code ./mint-token} mints store-admin tokens by default and operator tokens on request, as the API reads them. */
class MintTokenScriptTest {

    private static final Path SCRIPT = Path.of("..", "mint-token");

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({JwtProperties.class, OpsProperties.class})
    @Import(TokenVerification.class)
    static class Verification {}

    private final ApplicationContextRunner api = new ApplicationContextRunner()
            .withUserConfiguration(Verification.class)
            .withPropertyValues("invites.security.jwt.hmac-secret=" + TestTokens.SECRET);

    @Test
    void byDefaultTheTokenIsAStoreAdminsWithInviteScopesAndNoOperatorClaim() throws Exception {
        String token = mint();
        api.run(context -> {
            Jwt jwt = context.getBean(JwtDecoder.class).decode(token);
            assertThat(jwt.getClaimAsStringList("stores")).containsExactly("store-1");
            assertThat(authorities(context.getBean(OpsProperties.class), jwt))
                    .containsExactlyInAnyOrder("SCOPE_invites:read", "SCOPE_invites:write");
            assertThat(jwt.getExpiresAt()).isNotNull();
        });
    }

    @Test
    void withOpsTheTokenIsAPlatformOperatorsWithOpsScopesAndNoStore() throws Exception {
        for (String token : List.of(mint("--ops"), mintWithEnvironment("OPS", "1"))) {
            api.run(context -> {
                Jwt jwt = context.getBean(JwtDecoder.class).decode(token);
                assertThat(jwt.getClaimAsStringList("stores")).isEmpty();
                assertThat(authorities(context.getBean(OpsProperties.class), jwt))
                        .containsExactlyInAnyOrder("SCOPE_ops:read", "SCOPE_ops:write", PlatformOperators.AUTHORITY);
            });
        }
    }

    private static List<String> authorities(OpsProperties ops, Jwt jwt) {
        return new PlatformOperators(ops)
                .authenticationConverter().convert(jwt).getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .filter(authority -> !authority.startsWith("FACTOR_"))
                        .toList();
    }

    private static String mint(String... args) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command(args)));
    }

    private static String mintWithEnvironment(String name, String value) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command());
        builder.environment().put(name, value);
        return run(builder);
    }

    private static List<String> command(String... args) {
        assumeTrue(Files.isExecutable(SCRIPT), "mint-token is not next to the module");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")) || Files.isExecutable(Path.of("/bin/openssl")));
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
        builder.environment().remove("INVITES_SECURITY_JWT_HMACSECRET");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
