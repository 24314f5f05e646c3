package dev.draehi.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that publishes Logseq graphs with draehi-spring-boot-starter and
 * nothing else: the starter builds draehi's storage on the application's DataSource, a Publisher,
 * the site at {@code draehi.site.path} and the push webhook at {@code draehi.webhook.path}, from
 * {@code application.properties}. The application's own code injects what it needs:
 *
 * <pre>{@code
 * @Autowired Storage storage;
 * @Autowired Publisher publisher;
 *
 * Workspace ws = storage.workspaces().create(storage.users().create("ada", "!").id(), "Ada's notes");
 * storage.repositories().create(ws.id(), "https://github.com/ada/notes.git", "main", token);
 * publisher.sync(ws.id()); // then GET /{ws.slug()}/ serves it
 * }</pre>
 */
@SpringBootApplication
public class SampleApplication {
    /** Starts the application; {@code --spring.datasource.url=…} points it at a database. */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
