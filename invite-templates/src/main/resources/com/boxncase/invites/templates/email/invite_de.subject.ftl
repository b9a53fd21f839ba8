${inviterName} hat Sie eingeladen, ${storeName} mitzuverwalten
