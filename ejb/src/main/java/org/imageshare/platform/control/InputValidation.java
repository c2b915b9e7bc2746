// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Set;

/** Bean Validation at the boundaries: the first violation (by field name) becomes an {@link InvalidInput}. */
@ApplicationScoped
public class InputValidation {

    @Inject
    Validator validator;

    public <T> T check(T input) {
        if (input == null) {
            throw new InvalidInput("body", "is required");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(input);
        violations.stream()
                .min(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
                .ifPresent(v -> {
                    throw new InvalidInput(v.getPropertyPath().toString(), v.getMessage());
                });
        return input;
    }
}
