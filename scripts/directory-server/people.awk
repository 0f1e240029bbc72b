# Writes LDIF entries for staff of the test directory (scripts/directory-server.sh).
#   seed mode (default): one person per input line: uid|givenName|sn|school|contact|state
#   synthetic mode (-v count=N -v first=K): N people numbered from K, from the name lists
#   below, varied deterministically (the same N gives the same people)
# Variables: base (base DN), domain (mail domain), hash (the {SSHA} userPassword of everyone).
# mawk-compatible (Debian's default awk): UTF-8 is handled as bytes, which is all we need.
BEGIN {
  FS = "|"
  if (count > 0) {
    n = split("Élodie Hélène Jérôme Frédéric Cécile Léa Chloé Zoé Noémie Anaïs Loïc Gaël Maël Benoît François Françoise Thérèse Agnès Inès Joël Raphaël Mathéo Clément Aurélien Sébastien Stéphane Valérie Mélanie Amélie Céline Jérémy Rémi Hervé André René Gérard Bérénice Océane Héloïse Maëlys Nathalie Camille Julien Thomas Sophie Isabelle Marie Pierre Nicolas Laurent Christophe Sandrine Karine Mohamed Karim Nadia Yasmine Fatima Mehdi Sarah Lucas Hugo Louis Emma Manon Jean-Luc Marie-Hélène Anne-Sophie Pierre-Étienne Ségolène Gwénaëlle Yannick Soizic Nolwenn Corentin Paco Dolorès Ângela", given, " ")
    m = split("Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Simon|Laurent|Lefèbvre|Michel|Garcia|David|Bertrand|Roux|Vincent|Fournier|Morel|Girard|André|Lefèvre|Mercier|Dupont|Lambert|Bonnet|François|Martinez|Légaré|Bénard|Gérard|Hébert|Ménard|Chevalier|Benoît|Rémy|Lemaître|Noël|Le Gall|Le Bihan|Da Silva|Nguyễn|Ben Saïd|Boulanger|Château|Brûlé|Crêtier|Féraud|Caussé|Bouchard|Œuvray|Aubépine|Delacroix|de La Fontaine|Saint-Exupéry|Pérez|Müller|Kowalski|Haddad|Mbappé|Diallo|Ferré|Guérin|Faure|Rousseau|Blanc|Lopez|Fontaine", family, "|")
    s = split("Collège Jean Moulin, Marseille|Lycée Thiers, Marseille|École élémentaire Les Accoules, Marseille|Collège Mignet, Aix-en-Provence|Lycée Paul Cézanne, Aix-en-Provence|Collège Frédéric Mistral, Avignon|Lycée Théodore Aubanel, Avignon|École maternelle Les Églantiers, Gap|Collège Fontreyne, Gap|Lycée Alphonse Daudet, Tarascon|Collège Marcel Pagnol, Digne-les-Bains|Lycée Félix Esclangon, Manosque|Lycée professionnel Le Chatelier, Marseille|Collège Édouard Manet, Marseille|École primaire Saint-Charles, Marseille|Collège Gérard Philipe, Martigues|Lycée Jean Cocteau, Miramas|Collège Château Double, Aix-en-Provence|Lycée Aristide Briand, Gap|Collège Jules Ferry, Salon-de-Provence|Rectorat — Division des personnels enseignants, Aix-en-Provence|Rectorat — Service informatique (DSI), Aix-en-Provence|DSDEN des Bouches-du-Rhône, Marseille|DSDEN de Vaucluse, Avignon|Circonscription Marseille 3, Marseille|CIO Marseille Centre, Marseille", school, "|")
    split("laposte.net gmail.com orange.fr free.fr yahoo.fr sfr.fr outlook.fr", host, " ")
    for (i = first; i < first + count; i++) {
      # Co-prime strides spread the combinations instead of walking them in order.
      g = given[(i * 7) % n + 1]
      f = family[(i * 13 + int(i / n)) % m + 1]
      u = substr(ascii(g), 1, 1) ascii(f) i
      local = ascii(g) "." ascii(f) i
      contact = (i % 5 < 3) ? ascii(g) "." ascii(f) "@" host[i % 7 + 1] : ""
      state = (i % 97 == 0) ? "disabled" : (i % 211 == 0) ? "deleted" : "active"
      person(u, g, f, school[(i * 5) % s + 1], contact, state, local)
    }
    exit
  }
}
count > 0 { next }
/^[ \t]*(#|$)/ { next }
{ person($1, $2, $3, $4, $5, $6, ascii($2) "." ascii($3)) }

function person(u, g, f, ou, contact, state, local) {
  print "dn: uid=" u ",ou=people," base
  print "objectClass: inetOrgPerson"
  print "objectClass: acPerson"
  print "uid: " u
  print "cn: " g " " f
  print "sn: " f
  print "givenName: " g
  print "displayName: " g " " f
  print "mail: " local "@" domain
  print "ou: " ou
  if (contact != "") print "acContactMail: " contact
  print "acAccountState: " state
  print "userPassword: " hash
  print ""
}

# Lower-case ASCII for identifiers and addresses: accents dropped, spaces and apostrophes removed (hyphens kept, as in marie-helene.ferre).
function ascii(t) {
  # Alternations, not bracket expressions: mawk sees bytes, and [éè] would match single bytes.
  gsub(/À|Á|Â|Ã|Ä|à|á|â|ã|ä/, "a", t); gsub(/É|È|Ê|Ë|é|è|ê|ë|ễ/, "e", t); gsub(/Î|Ï|î|ï/, "i", t)
  gsub(/Ô|Ö|ô|ö|ồ/, "o", t); gsub(/Ù|Û|Ü|ù|û|ü/, "u", t); gsub(/Ç|ç/, "c", t); gsub(/Ÿ|ÿ/, "y", t)
  gsub(/Œ/, "oe", t); gsub(/œ/, "oe", t)
  gsub(/ |'|’/, "", t)
  return tolower(t)
}
