/**
 * Outgoing connections made for users: which addresses they may reach ({@link
 * dev.draehi.net.NetworkPolicy}) and how names become addresses ({@link
 * dev.draehi.net.HostResolver}).
 */
package dev.draehi.net;
