/**
 * The hosting mode's web layer: sign-up, login and an owner dashboard over {@link
 * dev.draehi.Accounts}, so that one server publishes many people's graphs. {@link
 * dev.draehi.cli.hosting.Hosting} answers {@link dev.draehi.cli.hosting.HostingRequest}s with
 * {@link dev.draehi.render.site.SiteResponse}s and knows no web framework; {@code SiteServer} and
 * {@code serve --hosting} wire it into the JDK's HTTP server.
 */
package dev.draehi.cli.hosting;
