package dev.draehi.server.hosting;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Looks up the {@code TXT} records of a DNS name: how {@link Domains} checks that the owner of a
 * custom domain put the workspace's token in {@code _draehi.<domain>}. Tests give their own.
 */
@FunctionalInterface
public interface TxtLookup {
    /**
     * The strings of every {@code TXT} record of {@code name} (the character strings of one record
     * joined), or an empty list when the name has none or does not exist.
     *
     * @throws IOException when the DNS cannot be asked (timeout, no server): the check is then
     *     neither a success nor a failure
     */
    List<String> txt(String name) throws IOException;

    /** The system's DNS servers, through the JDK's JNDI DNS provider. */
    static TxtLookup system() {
        return jndi("dns:");
    }

    /**
     * One DNS server, asked as {@link #system()} asks the system's (UDP, then TCP for a truncated
     * answer): for a server that checks domains through a resolver of its own, and for tests.
     *
     * @param host the server's address, e.g. {@code 127.0.0.1}
     * @param port its port, 53 for a usual server
     */
    static TxtLookup server(String host, int port) {
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a DNS server: " + host + ":" + port);
        }
        return jndi("dns://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    private static TxtLookup jndi(String providerUrl) {
        return name -> {
            Hashtable<String, String> env = new Hashtable<>();
            env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
            env.put("java.naming.provider.url", providerUrl);
            env.put("com.sun.jndi.dns.timeout.initial", "2000");
            env.put("com.sun.jndi.dns.timeout.retries", "2");
            DirContext ctx = null;
            try {
                ctx = new InitialDirContext(env);
                Attributes attrs = ctx.getAttributes(name, new String[] {"TXT"});
                Attribute txt = attrs.get("TXT");
                List<String> out = new ArrayList<>();
                if (txt != null) {
                    NamingEnumeration<?> all = txt.getAll();
                    while (all.hasMore()) {
                        out.add(unquote(String.valueOf(all.next())));
                    }
                }
                return out;
            } catch (NameNotFoundException e) {
                return List.of();
            } catch (NamingException e) {
                throw new IOException("cannot look up TXT records of " + name, e);
            } finally {
                if (ctx != null) {
                    try {
                        ctx.close();
                    } catch (NamingException e) {
                        // nothing held
                    }
                }
            }
        };
    }

    /**
     * A record as JNDI gives it, its character strings as one: JNDI writes each string in quotes
     * when it holds a space, a quote or a backslash (those two escaped) and bare otherwise, and
     * separates them with a space, so {@code "a b" c} is {@code a bc}.
     */
    static String unquote(String record) {
        String s = record.strip();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '"') {
                for (i++; i < s.length() && s.charAt(i) != '"'; i++) {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    out.append(s.charAt(i));
                }
                i++; // the closing quote
            } else {
                for (; i < s.length() && s.charAt(i) != ' '; i++) {
                    out.append(s.charAt(i));
                }
            }
        }
        return out.toString();
    }
}
