package dev.draehi.spring.boot.internal;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Spring Boot's own Liquibase migration off in an application that has no changelog of its
 * own, unless the application says otherwise.
 *
 * <p>draehi-store-jdbi brings Liquibase for draehi's tables, which it migrates itself from a
 * changelog and tracking tables of its own. Spring Boot, seeing Liquibase and a DataSource, would
 * otherwise migrate the application's changelog ({@code db/changelog/db.changelog-master.yaml}),
 * and refuse to start when there is none. An application that sets {@code spring.liquibase.enabled}
 * or {@code spring.liquibase.change-log}, or has that file, keeps Spring Boot's behaviour.
 */
public final class LiquibaseDefaults implements EnvironmentPostProcessor {
    static final String DEFAULT_CHANGELOG = "db/changelog/db.changelog-master.yaml";
    static final String SOURCE_NAME = "draehiLiquibaseDefaults";

    @Override
    public void postProcessEnvironment(
            ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.liquibase.enabled")
                || environment.containsProperty("spring.liquibase.change-log")) {
            return;
        }
        ClassLoader loader =
                application.getClassLoader() != null
                        ? application.getClassLoader()
                        : LiquibaseDefaults.class.getClassLoader();
        if (loader.getResource(DEFAULT_CHANGELOG) != null) {
            return;
        }
        environment
                .getPropertySources()
                .addLast(
                        new MapPropertySource(
                                SOURCE_NAME, Map.of("spring.liquibase.enabled", "false")));
    }
}
