// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class AccountNumberConverter implements AttributeConverter<AccountNumber, String> {

    @Override
    public String convertToDatabaseColumn(AccountNumber value) {
        return value == null ? null : value.value();
    }

    @Override
    public AccountNumber convertToEntityAttribute(String value) {
        return value == null ? null : AccountNumber.parse(value)
                .orElseThrow(() -> new IllegalStateException("stored account number fails its check digit"));
    }
}
