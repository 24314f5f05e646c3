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
        return name -> {
            Hashtable<String, String> env = new Hashtable<>();
            env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
            env.put("java.naming.provider.url", "dns:");
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

    /** {@code "a" "b"} (JNDI's form of a record of several strings) as {@code ab}. */
    static String unquote(String record) {
        String s = record.strip();
        if (!s.startsWith("\"")) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                in = !in;
            } else if (c == '\\' && in && i + 1 < s.length()) {
                out.append(s.charAt(++i));
            } else if (in) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
