-- Share links: a patient shares chosen released studies with one recipient by a secret link. The link's
-- token and the optional access code are stored only as hashes (SHA-256 hex / Argon2id). Rows are kept
-- after expiry or revocation so the patient sees every link and its state.
-- Portable SQL for H2 2.x and PostgreSQL.

CREATE SEQUENCE share_link_seq START WITH 10 INCREMENT BY 10;
CREATE TABLE share_link (
    id                BIGINT       NOT NULL,
    version           BIGINT       NOT NULL,
    account_fk        BIGINT       NOT NULL,
    token_hash        VARCHAR(64)  NOT NULL,
    recipient_email   VARCHAR(254) NOT NULL,
    created_at        TIMESTAMP    NOT NULL,
    expires_at        TIMESTAMP    NOT NULL,
    revoked_at        TIMESTAMP,
    revoke_reason     VARCHAR(16),
    access_code_hash  VARCHAR(200),
    code_failures     INTEGER      NOT NULL,
    locked_at         TIMESTAMP,
    open_count        INTEGER      NOT NULL,
    first_opened_at   TIMESTAMP,
    last_used_at      TIMESTAMP,
    notify_on_open    BOOLEAN      NOT NULL,
    CONSTRAINT pk_share_link PRIMARY KEY (id),
    CONSTRAINT uk_share_link_token UNIQUE (token_hash),
    CONSTRAINT fk_share_link_account FOREIGN KEY (account_fk) REFERENCES patient_account (id)
);
CREATE INDEX ix_share_link_account ON share_link (account_fk, revoked_at);

-- The scope of a link: exactly the studies the patient chose.
CREATE TABLE share_link_study (
    share_fk  BIGINT NOT NULL,
    study_fk  BIGINT NOT NULL,
    CONSTRAINT pk_share_link_study PRIMARY KEY (share_fk, study_fk),
    CONSTRAINT fk_share_link_study_share FOREIGN KEY (share_fk) REFERENCES share_link (id),
    CONSTRAINT fk_share_link_study_study FOREIGN KEY (study_fk) REFERENCES study (id)
);
CREATE INDEX ix_share_link_study_study ON share_link_study (study_fk);
