// What the accept page says, per language. A language is added here and in SUPPORTED; anything else falls back to
// English. Values are plain text (they go into text nodes), functions take what they need to fill in.

export const SUPPORTED = ["en", "de"];

export const TEXTS = {
  en: {
    pageTitle: "Your invitation",
    loadingTitle: "Your invitation",
    loading: "Checking your invitation…",
    validTitle: "Accept your invitation",
    validLead: (store, role) => `${store} invited you to help run the store as ${role}.`,
    store: "Store",
    email: "Email",
    role: "Role",
    expires: "Expires",
    dateTime: (date, time, zone) => `${date}, ${time} ${zone}`,
    zoneNote: (relative, zone) => `${relative} · time in the store's time zone (${zone})`,
    nameLabel: "Your name",
    nameHint: "The store's other admins see this name.",
    nameMissing: "Enter your name",
    nameInvalid: (reason) => `Your name ${reason}`,
    next: "Press “Accept invitation” to join the store. Then you sign in with your platform account.",
    accept: "Accept invitation",
    accepting: "Accepting…",
    acceptedTitle: "Welcome aboard!",
    acceptedLead: (store, role) => `You can now help run ${store} as ${role}.`,
    alreadyTitle: "You already accepted this invitation",
    alreadyLead: (store) =>
      store ? `You can sign in to manage ${store} with your platform account.` : "You can sign in with your platform account.",
    noSignIn: "Sign in with your platform account to continue.",
    signIn: "Continue to sign in",
    redirecting: (seconds) => `Taking you to sign in in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`,
    stay: "Stay on this page",
    stayed: "You stay on this page. Use the link above to sign in.",
    expiredTitle: "This invitation has expired",
    expiredLead: (store) =>
      store
        ? `Ask an admin of ${store} to send you a new invitation.`
        : "Ask the store's admin to send you a new invitation.",
    revokedTitle: "This invitation was revoked",
    revokedLead: (store) =>
      `${store ? `An admin of ${store}` : "The store's admin"} withdrew it, so this link no longer works. ` +
      "If you think this is a mistake, ask them to invite you again.",
    replacedTitle: "A newer invitation was sent to you",
    replacedLead: (store) =>
      `This link was replaced by a newer one. Use the link in the latest message${store ? ` from ${store}` : ""}.`,
    unknownTitle: "This invitation link is not valid",
    unknownLead:
      "Check that you opened the whole link from your invitation message, or ask the store's admin to invite you again.",
    networkTitle: "We could not reach the invitation service",
    networkLead: "Check your internet connection, then try again.",
    retry: "Try again",
    busyTitle: "Too many attempts",
    busyLead: (wait) => `Please wait ${wait} and try again.`,
    failedTitle: "Something went wrong",
    failedLead: "Please try again in a moment.",
    acceptNetwork:
      "We could not reach the invitation service, so we do not know whether it was accepted. Check your connection and press “Accept invitation” again.",
    acceptBusy: (wait) => `Too many attempts. Please wait ${wait} and press “Accept invitation” again.`,
    acceptFailed: "Something went wrong. Please press “Accept invitation” again in a moment.",
    errorPrefix: "Error:",
    wait: (seconds) =>
      seconds < 60
        ? `${seconds} ${seconds === 1 ? "second" : "seconds"}`
        : `${Math.ceil(seconds / 60)} ${Math.ceil(seconds / 60) === 1 ? "minute" : "minutes"}`,
  },
  de: {
    pageTitle: "Ihre Einladung",
    loadingTitle: "Ihre Einladung",
    loading: "Ihre Einladung wird geprüft …",
    validTitle: "Einladung annehmen",
    validLead: (store, role) => `${store} lädt Sie ein, den Shop als ${role} mitzubetreuen.`,
    store: "Shop",
    email: "E-Mail",
    role: "Rolle",
    expires: "Gültig bis",
    dateTime: (date, time, zone) => `${date}, ${time} Uhr ${zone}`,
    zoneNote: (relative, zone) => `${relative} · Zeit in der Zeitzone des Shops (${zone})`,
    nameLabel: "Ihr Name",
    nameHint: "Die anderen Admins des Shops sehen diesen Namen.",
    nameMissing: "Geben Sie Ihren Namen ein",
    nameInvalid: (reason) => `Ihr Name: ${reason}`,
    next: "Mit „Einladung annehmen“ treten Sie dem Shop bei. Danach melden Sie sich mit Ihrem Plattform-Konto an.",
    accept: "Einladung annehmen",
    accepting: "Wird angenommen …",
    acceptedTitle: "Willkommen an Bord!",
    acceptedLead: (store, role) => `Sie können ${store} jetzt als ${role} mitbetreuen.`,
    alreadyTitle: "Sie haben diese Einladung bereits angenommen",
    alreadyLead: (store) =>
      store
        ? `Melden Sie sich mit Ihrem Plattform-Konto an, um ${store} zu verwalten.`
        : "Melden Sie sich mit Ihrem Plattform-Konto an.",
    noSignIn: "Melden Sie sich mit Ihrem Plattform-Konto an, um fortzufahren.",
    signIn: "Weiter zur Anmeldung",
    redirecting: (seconds) => `Sie werden in ${seconds} ${seconds === 1 ? "Sekunde" : "Sekunden"} zur Anmeldung weitergeleitet.`,
    stay: "Auf dieser Seite bleiben",
    stayed: "Sie bleiben auf dieser Seite. Über den Link oben melden Sie sich an.",
    expiredTitle: "Diese Einladung ist abgelaufen",
    expiredLead: (store) =>
      store
        ? `Bitten Sie einen Admin von ${store}, Ihnen eine neue Einladung zu senden.`
        : "Bitten Sie den Admin des Shops, Ihnen eine neue Einladung zu senden.",
    revokedTitle: "Diese Einladung wurde widerrufen",
    revokedLead: (store) =>
      `${store ? `Ein Admin von ${store}` : "Der Admin des Shops"} hat sie zurückgezogen, dieser Link funktioniert nicht mehr. ` +
      "Falls das ein Versehen ist, bitten Sie um eine neue Einladung.",
    replacedTitle: "Sie haben eine neuere Einladung erhalten",
    replacedLead: (store) =>
      `Dieser Link wurde durch einen neueren ersetzt. Verwenden Sie den Link aus der neuesten Nachricht${store ? ` von ${store}` : ""}.`,
    unknownTitle: "Dieser Einladungslink ist ungültig",
    unknownLead:
      "Prüfen Sie, ob Sie den vollständigen Link aus der Einladung geöffnet haben, oder bitten Sie den Admin des Shops um eine neue Einladung.",
    networkTitle: "Der Einladungsdienst ist nicht erreichbar",
    networkLead: "Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.",
    retry: "Erneut versuchen",
    busyTitle: "Zu viele Versuche",
    busyLead: (wait) => `Bitte warten Sie ${wait} und versuchen Sie es erneut.`,
    failedTitle: "Etwas ist schiefgelaufen",
    failedLead: "Bitte versuchen Sie es gleich noch einmal.",
    acceptNetwork:
      "Der Einladungsdienst ist nicht erreichbar, daher wissen wir nicht, ob die Einladung angenommen wurde. Prüfen Sie Ihre Verbindung und wählen Sie erneut „Einladung annehmen“.",
    acceptBusy: (wait) => `Zu viele Versuche. Bitte warten Sie ${wait} und wählen Sie erneut „Einladung annehmen“.`,
    acceptFailed: "Etwas ist schiefgelaufen. Bitte wählen Sie gleich noch einmal „Einladung annehmen“.",
    errorPrefix: "Fehler:",
    wait: (seconds) =>
      seconds < 60
        ? `${seconds} ${seconds === 1 ? "Sekunde" : "Sekunden"}`
        : `${Math.ceil(seconds / 60)} ${Math.ceil(seconds / 60) === 1 ? "Minute" : "Minuten"}`,
  },
};
