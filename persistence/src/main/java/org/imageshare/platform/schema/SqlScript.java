// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.schema;

import java.util.ArrayList;
import java.util.List;

/** Splits a SQL script into statements at {@code ;}, minding quotes, comments and {@code $$} bodies. */
final class SqlScript {

    private SqlScript() {
    }

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuote = false;
        boolean inDollar = false;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (!inQuote && !inDollar && c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end + 1;
                current.append('\n');
                continue;
            }
            if (!inQuote && c == '$' && i + 1 < script.length() && script.charAt(i + 1) == '$') {
                inDollar = !inDollar;
                current.append("$$");
                i += 2;
                continue;
            }
            if (!inDollar && c == '\'') {
                inQuote = !inQuote;
            }
            if (!inQuote && !inDollar && c == ';') {
                add(statements, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
            i++;
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
    }
}
