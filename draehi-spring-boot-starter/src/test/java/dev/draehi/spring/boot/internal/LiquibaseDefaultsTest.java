package dev.draehi.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

/** Spring Boot's Liquibase is turned off only where the application has no changelog of its own. */
class LiquibaseDefaultsTest {
    final LiquibaseDefaults defaults = new LiquibaseDefaults();

    @Test
    void anApplicationWithoutAChangelogRunsNoLiquibaseOfSpringBoots() {
        StandardEnvironment env = new StandardEnvironment();
        defaults.postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("spring.liquibase.enabled")).isEqualTo("false");
    }

    @Test
    void whatTheApplicationSetsIsLeftAlone() {
        for (Map<String, Object> own :
                List.<Map<String, Object>>of(
                        Map.of("spring.liquibase.enabled", "true"),
                        Map.of("spring.liquibase.change-log", "classpath:app/changelog.xml"))) {
            StandardEnvironment env = new StandardEnvironment();
            env.getPropertySources().addFirst(new MapPropertySource("app", own));
            defaults.postProcessEnvironment(env, new SpringApplication());
            assertThat(env.getPropertySources().contains(LiquibaseDefaults.SOURCE_NAME))
                    .as(own.toString())
                    .isFalse();
        }
    }

    @Test
    void anApplicationWithTheDefaultChangelogKeepsItsMigration(@TempDir Path dir) throws Exception {
        Path changelog = dir.resolve(LiquibaseDefaults.DEFAULT_CHANGELOG);
        Files.createDirectories(changelog.getParent());
        Files.writeString(changelog, "databaseChangeLog: []\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            SpringApplication app = new SpringApplication();
            app.setResourceLoader(new DefaultResourceLoader(loader));
            StandardEnvironment env = new StandardEnvironment();
            defaults.postProcessEnvironment(env, app);
            assertThat(env.getProperty("spring.liquibase.enabled")).isNull();
        }
    }
}
