/**
 * The hosting mode's web layer: sign-up, login and an owner dashboard over {@link
 * dev.draehi.server.Accounts}, so that one server publishes many people's graphs. {@link
 * dev.draehi.server.hosting.Hosting} answers {@link dev.draehi.server.hosting.HostingRequest}s with
 * {@link dev.draehi.site.SiteResponse}s and knows no web framework; {@code SiteServer} and {@code
 * serve --hosting} wire it into the JDK's HTTP server.
 */
package dev.draehi.server.hosting;
