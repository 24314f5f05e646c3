/**
 * The hosting mode's web layer: sign-up, login and an owner dashboard over {@link
 * dev.draehi.server.Accounts}, so that one server publishes many people's graphs. {@link
 * dev.draehi.server.hosting.Hosting} answers {@link dev.draehi.server.hosting.HostingRequest}s with
 * {@link dev.draehi.site.SiteResponse}s and knows no web framework; {@link
 * dev.draehi.server.DraehiServer} serves it.
 */
package dev.draehi.server.hosting;
