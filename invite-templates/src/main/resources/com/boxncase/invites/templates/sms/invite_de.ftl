${inviterName} hat Sie eingeladen, ${storeName} als ${role} mitzuverwalten. Annehmen bis ${expiryDate}: ${acceptUrl}
