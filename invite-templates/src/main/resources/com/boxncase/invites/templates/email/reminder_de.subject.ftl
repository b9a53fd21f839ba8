Erinnerung: Ihre Einladung für ${storeName} läuft ${expiresIn} ab
