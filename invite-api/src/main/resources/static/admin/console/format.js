// How times, durations and delivery states read in the console.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "long" });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

export function formatDateTime(iso) {
  return iso ? dateTime.format(new Date(iso)) : "";
}

export function formatDate(iso) {
  return iso ? dateOnly.format(new Date(iso)) : "";
}

const UNITS = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
];

/** "in 6 days", "2 hours ago", "now". */
export function fromNow(iso, now = Date.now()) {
  const delta = new Date(iso).getTime() - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(delta) >= ms || unit === "second") {
      return relative.format(Math.round(delta / ms), unit);
    }
  }
  return "";
}

/** A wait as a person says it: "40 min", "1 h 5 min", "30 seconds". */
export function formatWait(seconds) {
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export const CHANNELS = { EMAIL: "Email", SMS: "SMS" };

export const DELIVERY_STATES = {
  QUEUED: { text: "queued", tone: "grey" },
  SENDING: { text: "sending", tone: "grey" },
  RETRYING: { text: "retrying", tone: "yellow" },
  SENT: { text: "sent", tone: "blue" },
  DELIVERED: { text: "delivered", tone: "green" },
  SKIPPED: { text: "not sent", tone: "grey" },
  FAILED: { text: "failed", tone: "red" },
  UNDELIVERED: { text: "not delivered", tone: "red" },
  BOUNCED: { text: "bounced", tone: "red" },
};

export const KINDS = { INVITE: "invite", RESEND: "resend", REMINDER: "reminder" };

export const AUDIT_ACTIONS = {
  CREATED: "Invited",
  RESENT: "Resent",
  LINK_COPIED: "Copied the invite link",
  REVOKED: "Deleted",
  ACCEPTED: "Accepted",
  EXPIRED: "Expired",
  REMINDER_QUEUED: "Reminder queued",
  DELIVERY_REPLAYED: "Delivery replayed",
};
