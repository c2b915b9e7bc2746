-- Consent: versioned consent texts (the newest is current) and each patient's consent records, shaped like
-- FHIR Consent. Records are never deleted: revoking ends the active record and adds a REJECTED one.
-- Portable SQL for H2 2.x and PostgreSQL.

CREATE SEQUENCE consent_text_seq START WITH 20 INCREMENT BY 10;
CREATE TABLE consent_text (
    id            BIGINT        NOT NULL,
    version       BIGINT        NOT NULL,
    text_version  INTEGER       NOT NULL,
    body          VARCHAR(20000) NOT NULL,
    published_at  TIMESTAMP     NOT NULL,
    published_by  VARCHAR(80)   NOT NULL,
    CONSTRAINT pk_consent_text PRIMARY KEY (id),
    CONSTRAINT uk_consent_text_version UNIQUE (text_version)
);

CREATE SEQUENCE consent_seq START WITH 10 INCREMENT BY 10;
CREATE TABLE consent (
    id             BIGINT      NOT NULL,
    version        BIGINT      NOT NULL,
    account_fk     BIGINT      NOT NULL,
    status         VARCHAR(16) NOT NULL,
    scope          VARCHAR(32) NOT NULL,
    category       VARCHAR(32) NOT NULL,
    date_time      TIMESTAMP   NOT NULL,
    performer      VARCHAR(80) NOT NULL,
    policy_version INTEGER     NOT NULL,
    period_start   TIMESTAMP   NOT NULL,
    period_end     TIMESTAMP,
    CONSTRAINT pk_consent PRIMARY KEY (id),
    CONSTRAINT fk_consent_account FOREIGN KEY (account_fk) REFERENCES patient_account (id),
    CONSTRAINT fk_consent_policy FOREIGN KEY (policy_version) REFERENCES consent_text (text_version)
);
CREATE INDEX ix_consent_account ON consent (account_fk, status);

-- Version 1 of the consent text. Ids below the sequence's first block (11..20) are free for seeds.
INSERT INTO consent_text (id, version, text_version, body, published_at, published_by) VALUES (1, 0, 1,
'I agree that I may use ImageShare to share my medical images with doctors and other health professionals I choose.

When I share, ImageShare sends the person I name an e-mail with a secret link. The link opens only the studies I picked, and only until it expires. The e-mail itself contains no name, birth date or other details about me.

I can withdraw this consent at any time in the portal or at the registration desk. When I do, every link I have shared stops working at once. Withdrawing does not affect my care.

Every time one of my links is opened or images are downloaded, this is recorded, and I can see these records in the portal.',
CURRENT_TIMESTAMP, 'system');
