Erinnerung: Ihre Einladung für ${storeName} als ${role} läuft ${expiresIn} ab (${expiryDate}, ${expiryTime}). Annehmen: ${acceptUrl}
