-- Foundation: staff, patients and their accounts, patient sessions, audit trail, mail outbox.
-- Portable SQL for H2 2.x and PostgreSQL; dialect extras live in h2/ and postgresql/.
-- Sequences start at their increment: EclipseLink hands out the block (value - increment, value].

CREATE SEQUENCE staff_user_seq START WITH 10 INCREMENT BY 10;
CREATE TABLE staff_user (
    id              BIGINT       NOT NULL,
    version         BIGINT       NOT NULL,
    username        VARCHAR(64)  NOT NULL,
    display_name    VARCHAR(128) NOT NULL,
    password_hash   VARCHAR(200) NOT NULL,
    roles           VARCHAR(64)  NOT NULL,
    enabled         BOOLEAN      NOT NULL,
    created_at      TIMESTAMP    NOT NULL,
    failed_attempts INTEGER      NOT NULL,
    last_failure_at TIMESTAMP,
    CONSTRAINT pk_staff_user PRIMARY KEY (id),
    CONSTRAINT uk_staff_user_username UNIQUE (username)
);

CREATE SEQUENCE patient_seq START WITH 10 INCREMENT BY 10;
CREATE TABLE patient (
    id           BIGINT       NOT NULL,
    version      BIGINT       NOT NULL,
    patient_id   VARCHAR(64)  NOT NULL,
    issuer       VARCHAR(64)  NOT NULL,
    family_name  VARCHAR(64)  NOT NULL,
    given_name   VARCHAR(64)  NOT NULL,
    birth_date   DATE         NOT NULL,
    email        VARCHAR(254),
    phone        VARCHAR(32),
    created_at   TIMESTAMP    NOT NULL,
    created_by   VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_patient PRIMARY KEY (id),
    CONSTRAINT uk_patient_identifier UNIQUE (patient_id, issuer)
);

CREATE SEQUENCE patient_account_seq START WITH 10 INCREMENT BY 10;
CREATE TABLE patient_account (
    id              BIGINT       NOT NULL,
    version         BIGINT       NOT NULL,
    patient_fk      BIGINT       NOT NULL,
    account_number  VARCHAR(8)   NOT NULL,
    pin_hash        VARCHAR(200) NOT NULL,
    pin_issued_at   TIMESTAMP    NOT NULL,
    failed_attempts INTEGER      NOT NULL,
    last_failure_at TIMESTAMP,
    locked_at       TIMESTAMP,
    last_sign_in_at TIMESTAMP,
    CONSTRAINT pk_patient_account PRIMARY KEY (id),
    CONSTRAINT uk_patient_account_number UNIQUE (account_number),
    CONSTRAINT uk_patient_account_patient UNIQUE (patient_fk),
    CONSTRAINT fk_patient_account_patient FOREIGN KEY (patient_fk) REFERENCES patient (id)
);

CREATE SEQUENCE patient_session_seq START WITH 10 INCREMENT BY 10;
CREATE TABLE patient_session (
    id           BIGINT      NOT NULL,
    account_fk   BIGINT      NOT NULL,
    token_hash   VARCHAR(64) NOT NULL,
    created_at   TIMESTAMP   NOT NULL,
    last_seen_at TIMESTAMP   NOT NULL,
    ended_at     TIMESTAMP,
    CONSTRAINT pk_patient_session PRIMARY KEY (id),
    CONSTRAINT uk_patient_session_token UNIQUE (token_hash),
    CONSTRAINT fk_patient_session_account FOREIGN KEY (account_fk) REFERENCES patient_account (id)
);
CREATE INDEX ix_patient_session_account ON patient_session (account_fk);

CREATE SEQUENCE audit_record_seq START WITH 20 INCREMENT BY 20;
CREATE TABLE audit_record (
    id          BIGINT      NOT NULL,
    occurred_at TIMESTAMP   NOT NULL,
    action      VARCHAR(40) NOT NULL,
    actor       VARCHAR(80) NOT NULL,
    account_id  BIGINT,
    address     VARCHAR(64),
    detail      VARCHAR(500),
    CONSTRAINT pk_audit_record PRIMARY KEY (id)
);
CREATE INDEX ix_audit_record_account ON audit_record (account_id, id);
CREATE INDEX ix_audit_record_time ON audit_record (occurred_at);

CREATE SEQUENCE mail_message_seq START WITH 10 INCREMENT BY 10;
CREATE TABLE mail_message (
    id              BIGINT         NOT NULL,
    version         BIGINT         NOT NULL,
    kind            VARCHAR(40)    NOT NULL,
    recipient       VARCHAR(254)   NOT NULL,
    subject         VARCHAR(200)   NOT NULL,
    text_body       VARCHAR(100000) NOT NULL,
    html_body       VARCHAR(100000) NOT NULL,
    status          VARCHAR(16)    NOT NULL,
    attempts        INTEGER        NOT NULL,
    created_at      TIMESTAMP      NOT NULL,
    next_attempt_at TIMESTAMP,
    sent_at         TIMESTAMP,
    last_error      VARCHAR(500),
    CONSTRAINT pk_mail_message PRIMARY KEY (id)
);
CREATE INDEX ix_mail_message_status ON mail_message (status, next_attempt_at);
