// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.control;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the address throttle of staff sign-in. It is kept apart from the patients' so that a flood of
 * wrong PINs from the hospital's guest network cannot lock the registration desk out.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface StaffSignIn {
}
