package com.boxncase.invites.api.invite.imports;

import com.boxncase.invites.api.web.InvalidField;
import com.boxncase.invites.api.web.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The ways an import request can fail, as facts. */
final class ImportProblems {

    private ImportProblems() {}

    static final class ImportNotFound extends ProblemException {
        ImportNotFound(String importId) {
            super(HttpStatus.NOT_FOUND, "No import " + importId + " in this store.");
        }
    }

    /**
     * The file is not an import file, or is over a limit: 400 naming the line ({@code line}) and the reason, in
     * {@code errors} under the field {@code file}. Nothing was imported.
     */
    static final class MalformedFile extends ProblemException {
        private final long line;
        private final String reason;

        MalformedFile(long line, String reason) {
            super(HttpStatus.BAD_REQUEST, "line " + line + ": " + reason + ". Nothing was imported.");
            this.line = line;
            this.reason = reason;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of(
                    "line",
                    line,
                    "errors",
                    List.of(new InvalidField.FieldError("file", "line " + line + ": " + reason)));
        }
    }

    static final class ImportNotFinished extends ProblemException {
        ImportNotFinished(InviteImport running) {
            super(
                    HttpStatus.CONFLICT,
                    "Import " + running.id() + " is still running (" + running.rowsRead() + " of " + running.rows()
                            + " rows read); its results are complete once it is done.");
        }
    }

    static final class ImportAlreadyFinished extends ProblemException {
        ImportAlreadyFinished(InviteImport finished) {
            super(
                    HttpStatus.CONFLICT,
                    "Import " + finished.id() + " is already "
                            + finished.state().name().toLowerCase() + ".");
        }
    }
}
