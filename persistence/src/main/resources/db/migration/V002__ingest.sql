-- Ingest: studies received over DICOM, their series and instances (the files under the data directory).
-- Portable SQL for H2 2.x and PostgreSQL. Sequences start at their increment (see V001).
-- A study without patient_fk is unmatched: it keeps the DICOM patient identity for the worklist and is
-- claimed when that patient is enrolled.

CREATE SEQUENCE study_seq START WITH 10 INCREMENT BY 10;
CREATE TABLE study (
    id                  BIGINT       NOT NULL,
    version             BIGINT       NOT NULL,
    study_iuid          VARCHAR(64)  NOT NULL,
    patient_fk          BIGINT,
    dicom_patient_id    VARCHAR(64)  NOT NULL,
    dicom_issuer        VARCHAR(64)  NOT NULL,
    dicom_patient_name  VARCHAR(324) NOT NULL,
    dicom_birth_date    VARCHAR(16)  NOT NULL,
    study_date          DATE,
    study_time          VARCHAR(16),
    description         VARCHAR(256),
    accession_number    VARCHAR(64),
    modalities          VARCHAR(64)  NOT NULL,
    number_of_series    INTEGER      NOT NULL,
    number_of_instances INTEGER      NOT NULL,
    received_at         TIMESTAMP    NOT NULL,
    updated_at          TIMESTAMP    NOT NULL,
    release_at          TIMESTAMP    NOT NULL,
    CONSTRAINT pk_study PRIMARY KEY (id),
    CONSTRAINT uk_study_iuid UNIQUE (study_iuid),
    CONSTRAINT fk_study_patient FOREIGN KEY (patient_fk) REFERENCES patient (id)
);
CREATE INDEX ix_study_patient ON study (patient_fk, release_at);
CREATE INDEX ix_study_dicom_patient ON study (dicom_patient_id, dicom_issuer);

CREATE SEQUENCE series_seq START WITH 10 INCREMENT BY 10;
CREATE TABLE series (
    id                  BIGINT       NOT NULL,
    version             BIGINT       NOT NULL,
    study_fk            BIGINT       NOT NULL,
    series_iuid         VARCHAR(64)  NOT NULL,
    modality            VARCHAR(16),
    series_number       INTEGER,
    description         VARCHAR(256),
    number_of_instances INTEGER      NOT NULL,
    received_at         TIMESTAMP    NOT NULL,
    CONSTRAINT pk_series PRIMARY KEY (id),
    CONSTRAINT uk_series_iuid UNIQUE (series_iuid),
    CONSTRAINT fk_series_study FOREIGN KEY (study_fk) REFERENCES study (id)
);
CREATE INDEX ix_series_study ON series (study_fk);

CREATE SEQUENCE instance_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE instance (
    id                  BIGINT       NOT NULL,
    version             BIGINT       NOT NULL,
    series_fk           BIGINT       NOT NULL,
    sop_iuid            VARCHAR(64)  NOT NULL,
    sop_class_uid       VARCHAR(64)  NOT NULL,
    transfer_syntax_uid VARCHAR(64)  NOT NULL,
    instance_number     INTEGER,
    number_of_frames    INTEGER,
    file_path           VARCHAR(255) NOT NULL,
    file_size           BIGINT       NOT NULL,
    received_at         TIMESTAMP    NOT NULL,
    CONSTRAINT pk_instance PRIMARY KEY (id),
    CONSTRAINT uk_instance_sop_iuid UNIQUE (sop_iuid),
    CONSTRAINT fk_instance_series FOREIGN KEY (series_fk) REFERENCES series (id)
);
CREATE INDEX ix_instance_series ON instance (series_fk);
