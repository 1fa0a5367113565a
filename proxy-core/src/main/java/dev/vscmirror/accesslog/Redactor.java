package dev.vscmirror.accesslog;

import java.util.Locale;
import java.util.Set;

/**
 * Removes secrets and per-user identifiers from request targets before they are written anywhere: the update
 * check's {@code u=} value (protocol §5.1, an organisation/user identifier) and anything named like a token.
 */
public final class Redactor {
    private static final Set<String> SECRET_PARAMS =
            Set.of("u", "token", "access_token", "api_key", "apikey", "key", "sig", "signature", "password");

    private Redactor() {}

    /**
     * {@code target} with the values of secret query parameters replaced by {@code ***}.
     *
     * @param target a request target ({@code /path?query}) or absolute URL; null gives null
     */
    public static String target(String target) {
        if (target == null) {
            return null;
        }
        int q = target.indexOf('?');
        if (q < 0) {
            return target;
        }
        StringBuilder out = new StringBuilder(target.length()).append(target, 0, q + 1);
        String query = target.substring(q + 1);
        int fragment = query.indexOf('#');
        String tail = "";
        if (fragment >= 0) {
            tail = query.substring(fragment);
            query = query.substring(0, fragment);
        }
        String[] params = query.split("&", -1);
        for (int i = 0; i < params.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            String p = params[i];
            int eq = p.indexOf('=');
            String name = eq >= 0 ? p.substring(0, eq) : p;
            if (eq >= 0 && SECRET_PARAMS.contains(name.toLowerCase(Locale.ROOT))) {
                out.append(name).append("=***");
            } else {
                out.append(p);
            }
        }
        return out.append(tail).toString();
    }
}
