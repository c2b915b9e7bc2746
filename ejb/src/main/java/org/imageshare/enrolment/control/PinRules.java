// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.control;

import java.util.Set;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.control.Secrets;

/** What a PIN must be: six digits, and not one of the PINs everybody tries first. */
public final class PinRules {

    public static final int LENGTH = 6;
    private static final Set<String> COMMON = Set.of("123456", "654321", "123123", "121212", "112233",
            "012345", "234567", "345678", "456789", "111222", "696969", "159753", "147258", "123321");

    private PinRules() {
    }

    /** A random PIN that passes {@link #check}. */
    public static String generate() {
        String pin;
        do {
            pin = Secrets.digits(LENGTH);
        } while (isWeak(pin));
        return pin;
    }

    public static void check(String field, String pin) {
        if (pin == null || !pin.matches("\\d{" + LENGTH + "}")) {
            throw new InvalidInput(field, "must be exactly " + LENGTH + " digits");
        }
        if (isWeak(pin)) {
            throw new InvalidInput(field, "is too easy to guess; choose another");
        }
    }

    static boolean isWeak(String pin) {
        return COMMON.contains(pin) || pin.chars().distinct().count() <= 2;
    }
}
