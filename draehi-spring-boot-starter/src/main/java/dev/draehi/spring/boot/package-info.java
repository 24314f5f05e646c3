/** Spring Boot auto-configuration of draehi. */
package dev.draehi.spring.boot;
