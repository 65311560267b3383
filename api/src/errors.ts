// Expected failures are these typed errors; the errors plugin turns each into a member of a mutation's
// result union. Anything else is unexpected: masked to the client as "Unexpected error" and logged.

/** A problem with one input field, as shown beside the field in a form. */
export interface FieldIssue {
  path: string[];
  message: string;
}

export class DomainError extends Error {
  override name = "DomainError";
  /** A stable machine-readable code (SCREAMING_SNAKE_CASE) for clients. */
  readonly code: string;
  constructor(message: string, code = "DOMAIN_ERROR") {
    super(message);
    this.code = code;
  }
}

export class ValidationError extends DomainError {
  override name = "ValidationError";
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[], message = issues.map((i) => i.message).join("; ")) {
    super(message || "The input is not valid", "VALIDATION_FAILED");
    this.issues = issues;
  }

  /** A validation error about one field. */
  static field(path: string, message: string): ValidationError {
    return new ValidationError([{ path: path.split("."), message }]);
  }
}

export class NotFoundError extends DomainError {
  override name = "NotFoundError";
  constructor(what = "That item", code = "NOT_FOUND") {
    super(`${what} could not be found`, code);
  }
}

export class ForbiddenError extends DomainError {
  override name = "ForbiddenError";
  constructor(message = "You do not have permission to do that", code = "FORBIDDEN") {
    super(message, code);
  }
}

export class UnauthenticatedError extends DomainError {
  override name = "UnauthenticatedError";
  constructor(message = "Sign in to continue") {
    super(message, "UNAUTHENTICATED");
  }
}

/** The thing exists but is not in a state that allows the operation (e.g. publishing a cancelled tender). */
export class ConflictError extends DomainError {
  override name = "ConflictError";
  constructor(message: string, code = "CONFLICT") {
    super(message, code);
  }
}
