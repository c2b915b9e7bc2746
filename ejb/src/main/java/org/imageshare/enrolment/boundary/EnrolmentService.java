// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.enrolment.control.Enrolment;
import org.imageshare.enrolment.control.EnrolmentForm;
import org.imageshare.enrolment.control.HandoutPdf;
import org.imageshare.enrolment.control.PatientView;
import org.imageshare.enrolment.control.PendingHandouts;
import org.imageshare.enrolment.control.PinRules;
import org.imageshare.enrolment.entity.AccountNumber;
import org.imageshare.enrolment.entity.Patient;
import org.imageshare.enrolment.entity.PatientAccount;
import org.imageshare.login.entity.PatientSession;
import org.imageshare.mail.control.MailQueue;
import org.imageshare.platform.control.Argon2id;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.platform.control.InputValidation;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.control.NotFound;
import org.imageshare.platform.control.Secrets;
import org.imageshare.staff.entity.StaffRole;

/**
 * The registration desk: enrols patients, re-issues PINs, unlocks accounts, finds patients.
 *
 * <p>Guarantees: one account per patient ID + issuer; account numbers are random, unique and carry a
 * check digit; the PIN is random, stored only as an Argon2id hash and returned exactly once (plus a
 * short-lived printable handout for the enrolling staff member); every change is audited in the same
 * transaction.
 */
@Stateless
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
public class EnrolmentService {

    private static final int MAX_SEARCH_RESULTS = 50;

    @Resource
    SessionContext context;

    @PersistenceContext
    EntityManager em;

    @Inject
    InputValidation validation;

    @Inject
    Argon2id hasher;

    @Inject
    PendingHandouts handouts;

    @Inject
    ImageShareConfig config;

    @Inject
    MailQueue mail;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    public Enrolment enrol(EnrolmentForm input) {
        EnrolmentForm form = validation.check(input == null ? null : input.normalized());
        LocalDate birthDate = birthDate(form.birthDate());
        String issuer = form.issuer() == null ? config.defaultIssuer() : form.issuer();
        if (findPatient(form.patientId(), issuer).isPresent()) {
            throw new Conflict("A patient with patient ID " + form.patientId() + " (issuer " + issuer
                    + ") is already enrolled. Find them under Patients to re-issue their PIN.");
        }
        Instant now = clock.instant();
        String staff = caller();
        Patient patient = new Patient(form.patientId(), issuer, form.familyName(), form.givenName(), birthDate,
                form.email(), form.phone(), now, staff);
        em.persist(patient);
        String pin = PinRules.generate();
        PatientAccount account = new PatientAccount(patient, freshAccountNumber(), hasher.hash(pin.toCharArray()), now);
        em.persist(account);
        em.flush();
        audit.fire(AuditEvent.byCaller(AuditAction.PATIENT_ENROLLED, account.getId(), null));
        if (patient.getEmail() != null) {
            mail.welcome(patient.getEmail(), account.getId());
        }
        return new Enrolment(account.getId(), account.getAccountNumber().value(), pin,
                handouts.put(account.getId(), pin, staff));
    }

    /** A new PIN: the old one stops working at once, open sessions end, a lock is lifted. */
    public Enrolment reissuePin(String accountNumber) {
        PatientAccount account = getAccount(accountNumber);
        Instant now = clock.instant();
        String pin = PinRules.generate();
        account.replacePin(hasher.hash(pin.toCharArray()), now);
        em.createNamedQuery(PatientSession.END_ALL_OF_ACCOUNT).setParameter("now", now)
                .setParameter("account", account).executeUpdate();
        handouts.forget(account.getId());
        audit.fire(AuditEvent.byCaller(AuditAction.PIN_REISSUED, account.getId(), null));
        return new Enrolment(account.getId(), account.getAccountNumber().value(), pin,
                handouts.put(account.getId(), pin, caller()));
    }

    public void unlock(String accountNumber) {
        PatientAccount account = getAccount(accountNumber);
        account.unlock();
        audit.fire(AuditEvent.byCaller(AuditAction.ACCOUNT_UNLOCKED, account.getId(), null));
    }

    /** The handout PDF of a fresh enrolment or PIN, for the staff member who made it; empty once expired. */
    public Optional<byte[]> handout(String handoutId) {
        return handouts.find(handoutId, caller()).map(pending -> {
            PatientAccount account = em.find(PatientAccount.class, pending.accountId());
            Patient patient = account.getPatient();
            audit.fire(AuditEvent.byCaller(AuditAction.HANDOUT_PRINTED, account.getId(), null));
            return new HandoutPdf().render(new HandoutPdf.Handout(config.hospitalName(),
                    patient.getGivenName() + " " + patient.getFamilyName(), account.getAccountNumber(),
                    pending.pin(), config.publicUrl() + "/", config.helpContact(),
                    LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
        });
    }

    /** Patients by account number, patient ID or the start of the family name; at most 50. */
    public List<PatientView> search(String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return em.createQuery("SELECT a FROM PatientAccount a JOIN FETCH a.patient ORDER BY a.id DESC",
                    PatientAccount.class).setMaxResults(MAX_SEARCH_RESULTS).getResultStream()
                    .map(PatientView::of).toList();
        }
        Optional<AccountNumber> number = AccountNumber.parse(q);
        if (number.isPresent()) {
            return em.createNamedQuery(PatientAccount.FIND_BY_NUMBER, PatientAccount.class)
                    .setParameter("number", number.get()).getResultStream().map(PatientView::of).toList();
        }
        return em.createQuery("SELECT a FROM PatientAccount a JOIN FETCH a.patient p WHERE p.patientId = :q "
                        + "OR LOWER(p.familyName) LIKE :prefix ESCAPE '\\' ORDER BY p.familyName, p.givenName",
                        PatientAccount.class)
                .setParameter("q", q)
                .setParameter("prefix", escapeLike(q.toLowerCase(Locale.ROOT)) + "%")
                .setMaxResults(MAX_SEARCH_RESULTS)
                .getResultStream().map(PatientView::of).toList();
    }

    /** Accounts locked by failed sign-ins, for the desk to unlock or re-issue. */
    public List<PatientView> locked() {
        return em.createQuery("SELECT a FROM PatientAccount a JOIN FETCH a.patient WHERE a.lockedAt IS NOT NULL "
                + "ORDER BY a.lockedAt DESC", PatientAccount.class).setMaxResults(500)
                .getResultStream().map(PatientView::of).toList();
    }

    public PatientView get(String accountNumber) {
        return PatientView.of(getAccount(accountNumber));
    }

    private PatientAccount getAccount(String accountNumber) {
        return AccountNumber.parse(accountNumber)
                .flatMap(n -> em.createNamedQuery(PatientAccount.FIND_BY_NUMBER, PatientAccount.class)
                        .setParameter("number", n).getResultStream().findFirst())
                .orElseThrow(() -> new NotFound("No account with number " + accountNumber));
    }

    private Optional<Patient> findPatient(String patientId, String issuer) {
        return em.createNamedQuery(Patient.FIND_BY_IDENTIFIER, Patient.class)
                .setParameter("patientId", patientId).setParameter("issuer", issuer)
                .getResultStream().findFirst();
    }

    private AccountNumber freshAccountNumber() {
        for (int attempt = 0; attempt < 20; attempt++) {
            AccountNumber candidate = AccountNumber.random(Secrets.random());
            boolean taken = em.createNamedQuery(PatientAccount.FIND_BY_NUMBER, PatientAccount.class)
                    .setParameter("number", candidate).getResultStream().findFirst().isPresent();
            if (!taken) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free account number found in 20 tries");
    }

    private LocalDate birthDate(String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("birthDate", "is not a valid date");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (date.isAfter(today) || date.isBefore(today.minusYears(130))) {
            throw new InvalidInput("birthDate", "must be a past date within the last 130 years");
        }
        return date;
    }

    private String caller() {
        return context.getCallerPrincipal().getName();
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
