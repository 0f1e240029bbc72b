#!/usr/bin/env python3
"""Draws the guide's illustrations: schematic SVGs of the webmail's screens, one per language.

Each figure is a list of elements drawn top to bottom on a 320 x 200 canvas (GuideIllustration.ViewBox). What the
step is about is circled in red ("mark"). Plain shapes, presentation attributes only (no style, no script, no
external reference): small (well under 4 KB compressed), sharp at any zoom, and opaque dark-on-white so they stay
readable in forced-colours (high contrast) mode. Run it after changing a figure:

    python3 scripts/guide-figures.py            # writes wwwroot-assets/guide/{fr,en}/*.svg
"""
import os
from xml.sax.saxutils import escape

W, H = 320, 200
INK, MUTED, LINE, MARK, BAR, OK, LINK, WARN, ERR = "#1b1b1b", "#4a4a4a", "#6f6f6f", "#b3261e", "#0b2e59", "#00703c", "#0b4ea2", "#8a4b00", "#b3261e"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "wwwroot-assets", "guide")


PROBLEMS = []


def width_of(text, size, bold=False):
    # A generous estimate (DejaVu Sans, the widest of the usual fallbacks): text must fit whatever font draws it.
    return int(len(text) * size * (0.64 if bold else 0.55)) + 2


class Canvas:
    def __init__(self, title):
        self.title = title
        self.parts = []
        self.y = 30
        self.marks = []

    def text(self, x, y, s, size=11, weight=None, fill=INK):
        if x + width_of(s, size, weight) > W - 4:
            PROBLEMS.append(f"too wide: {s}")
        w = ' font-weight="700"' if weight else ""
        f = "" if fill == INK else f' fill="{fill}"'
        self.parts.append(f'<text x="{x}" y="{y}" font-size="{size}"{w}{f}>{escape(s)}</text>')

    def rect(self, x, y, w, h, fill="#fff", stroke=INK, sw=1.5, rx=0):
        r = f' rx="{rx}"' if rx else ""
        s = f' stroke="{stroke}" stroke-width="{sw}"' if stroke else ""
        self.parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}"{s}{r}/>')

    def mark(self, x, y, w, h):
        self.marks.append(f'<rect x="{x - 4}" y="{y - 4}" width="{w + 8}" height="{h + 8}" fill="none" stroke="{MARK}" stroke-width="3" rx="6"/>')

    def svg(self):
        body = "".join(self.parts + self.marks)
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
                f'font-family="system-ui,Segoe UI,Roboto,Arial,sans-serif">'
                f'<title>{escape(self.title)}</title>'
                f'<rect width="{W}" height="{H}" fill="#fff" stroke="{LINE}"/>{body}</svg>\n')


# The header says the default service name (Branding:ServiceName), never the product's: staff see the académie's
# name on the pages, and the drawings must look like them.
APP = {"fr": "Messagerie académique", "en": "Académie webmail"}


def draw(title, elements, app):
    c = Canvas(title)
    c.rect(0, 0, W, 22, fill=BAR, stroke=None)
    c.text(10, 15, app, 11, True, "#fff")
    for e in elements:
        kind, args = e[0], e[1:]
        m = kind.endswith("!")
        kind = kind.rstrip("!")
        x, y = 16, c.y
        if kind == "address":
            c.rect(0, 22, W, 20, fill="#f3f2f1", stroke=None)
            c.rect(8, 25, 304, 14, stroke=LINE, sw=1, rx=7)
            c.text(16, 35, args[0], 9)
            if m:
                c.mark(8, 25, 304, 14)
            c.y = 58
            continue
        if kind == "topright":
            tw = width_of(args[0], 10, True) + 12
            c.rect(W - tw - 8, 4, tw, 15, fill="#fff", stroke=None)
            c.text(W - tw - 2, 15, args[0], 10, True, BAR)
            if m:
                c.mark(W - tw - 8, 4, tw, 15)
            continue
        if kind == "h1":
            c.text(x, y + 14, args[0], 15, True)
            if m:
                c.mark(x, y + 1, width_of(args[0], 15, True), 17)
            c.y += 26 + (4 if m else 0)
        elif kind == "text":
            c.text(x, y + 10, args[0], 10, fill=args[1] if len(args) > 1 else MUTED)
            if m:
                c.mark(x, y, width_of(args[0], 10), 13)
            c.y += 16
        elif kind == "label":
            c.text(x, y + 10, args[0], 10, True)
            c.y += 17
        elif kind == "input":
            c.rect(x, y, 170, 20, sw=2)
            c.text(x + 6, y + 14, args[0], 11)
            if m:
                c.mark(x, y, 170, 20)
            c.y += 28
        elif kind == "radio":
            cy = y + 7
            c.parts.append(f'<circle cx="{x + 7}" cy="{cy}" r="6.5" fill="#fff" stroke="{INK}" stroke-width="1.5"/>')
            if args[1]:
                c.parts.append(f'<circle cx="{x + 7}" cy="{cy}" r="3.5" fill="{INK}"/>')
            c.text(x + 20, y + 11, args[0], 10)
            if m:
                c.mark(x, y, 20 + width_of(args[0], 10), 14)
            c.y += 19
        elif kind in ("button", "primary"):
            tw = width_of(args[0], 11, kind == "primary") + 20
            fill, colour = (OK, "#fff") if kind == "primary" else ("#f3f2f1", INK)
            c.rect(x, y, tw, 22, fill=fill, stroke=INK if kind == "button" else "#00401f", sw=2)
            c.text(x + 10, y + 15, args[0], 11, kind == "primary", colour)
            if m:
                c.mark(x, y, tw, 22)
            c.y += 30
        elif kind == "link":
            tw = width_of(args[0], 10)
            c.text(x, y + 10, args[0], 10, fill=LINK)
            # The underline is the text's own (text-decoration), so it matches whatever font draws it.
            c.parts[-1] = c.parts[-1].replace("<text ", '<text text-decoration="underline" ', 1)
            if m:
                c.mark(x, y, tw, 14)
            c.y += 18
        elif kind in ("banner", "error"):
            lines = args
            h = 8 + 14 * len(lines)
            colour = WARN if kind == "banner" else ERR
            if kind == "error":
                c.rect(x, y, 288, h, fill="#fff", stroke=ERR, sw=3)
            else:
                c.rect(x, y, 288, h, fill="#f3f2f1", stroke=None)
                c.rect(x, y, 5, h, fill=colour, stroke=None)
            for i, line in enumerate(lines):
                c.text(x + 12, y + 16 + 14 * i, line, 10 if i else 11, i == 0, colour if (kind == "error" and i > 0) else INK)
            if m:
                c.mark(x, y, 288, h)
            c.y += h + 8
        elif kind == "gap":
            c.y += args[0]
        else:
            raise ValueError(kind)
    if c.y > H + 4:
        PROBLEMS.append(f"too tall: {title} ({c.y})")
    return c.svg()


# name: (fr title, fr elements, en title, en elements)
FIGURES = {
    "connexion-adresse": (
        "Navigateur ouvert sur l'adresse de la messagerie ; la page « Se connecter » s'affiche",
        [("address!", "https://webmail.ac-exemple.fr"), ("h1", "Se connecter"), ("label", "Identifiant académique"), ("input", ""), ("label", "Mot de passe"), ("input", "")],
        "Browser open at the mail service's address; the « Sign in » page shows",
        [("address!", "https://webmail.ac-exemple.fr"), ("h1", "Sign in"), ("label", "Academic identifier"), ("input", ""), ("label", "Password"), ("input", "")]),
    "connexion-identifiants": (
        "Page « Se connecter » : champs « Identifiant académique » (cmartin) et « Mot de passe » remplis",
        [("h1", "Se connecter"), ("label", "Identifiant académique"), ("text", "Souvent l'initiale du prénom suivie du nom…"), ("input!", "cmartin"), ("label", "Mot de passe"), ("input!", "••••••••••••")],
        "« Sign in » page: « Academic identifier » (cmartin) and « Password » filled in",
        [("h1", "Sign in"), ("label", "Academic identifier"), ("text", "Often your first initial followed by your surname…"), ("input!", "cmartin"), ("label", "Password"), ("input!", "••••••••••••")]),
    "connexion-ordinateur": (
        "« Cet ordinateur est : » partagé ou personnel, puis le bouton « Se connecter »",
        [("h1", "Se connecter"), ("label", "Cet ordinateur est :"), ("radio!", "partagé", True), ("radio", "personnel", False), ("gap", 4), ("primary!", "Se connecter"), ("link", "Mot de passe oublié ?")],
        "« This computer is: » shared or personal, then the « Sign in » button",
        [("h1", "Sign in"), ("label", "This computer is:"), ("radio!", "shared", True), ("radio", "personal", False), ("gap", 4), ("primary!", "Sign in"), ("link", "Forgotten password?")]),
    "refus-maintenance": (
        "Bandeau « Maintenance du service de messagerie » en haut de la page, avec la fin prévue",
        [("banner!", "Maintenance du service de messagerie", "Mise à jour du serveur de messagerie.", "Fin prévue : mardi 1 décembre à 18 h.", "Que faire pendant une maintenance"), ("h1", "Se connecter"), ("label", "Identifiant académique"), ("input", "")],
        "« Mail service maintenance » banner at the top of the page, with the planned end",
        [("banner!", "Mail service maintenance", "Mail server upgrade.", "Planned end: Tuesday 1 December, 6 pm.", "What to do during maintenance"), ("h1", "Sign in"), ("label", "Academic identifier"), ("input", "")]),
    "refus-incorrect": (
        "Encadré « Il y a un problème » : l'identifiant académique ou le mot de passe est incorrect, lien « Que faire ? »",
        [("error!", "Il y a un problème", "L'identifiant académique ou le mot de passe", "est incorrect. Vérifiez chaque caractère…", "Que faire ?"), ("h1", "Se connecter"), ("label", "Identifiant académique"), ("input", "cmartin")],
        "« There is a problem » box: the academic identifier or the password is incorrect, « What to do? » link",
        [("error!", "There is a problem", "The academic identifier or the password", "is incorrect. Check each character…", "What to do?"), ("h1", "Sign in"), ("label", "Academic identifier"), ("input", "cmartin")]),
    "refus-tentatives": (
        "Encadré « Il y a un problème » : trop de tentatives de connexion ont échoué, attendez avant de réessayer",
        [("error!", "Il y a un problème", "Trop de tentatives de connexion ont échoué.", "Pour protéger le compte, attendez", "15 minutes avant de réessayer."), ("h1", "Se connecter"), ("label", "Identifiant académique"), ("input", "cmartin")],
        "« There is a problem » box: too many sign-in attempts failed, wait before trying again",
        [("error!", "There is a problem", "Too many sign-in attempts failed.", "To protect the account, wait", "15 minutes before trying again."), ("h1", "Sign in"), ("label", "Academic identifier"), ("input", "cmartin")]),
    "refus-service": (
        "Encadré « Il y a un problème » : le service de messagerie ne répond pas, réessayez dans quelques minutes",
        [("error!", "Il y a un problème", "Le service de messagerie ne répond pas.", "… réessayez dans quelques minutes."), ("h1", "Se connecter"), ("label", "Identifiant académique"), ("input", "cmartin")],
        "« There is a problem » box: the mail service is not responding, try again in a few minutes",
        [("error!", "There is a problem", "The mail service is not responding.", "… try again in a few minutes."), ("h1", "Sign in"), ("label", "Academic identifier"), ("input", "cmartin")]),
    "lettre": (
        "Page « Lettre au rectorat » : champs Nom, Prénom, NUMEN… puis le bouton « Préparer la lettre »",
        [("h1", "Lettre au rectorat"), ("label", "Nom"), ("input", "Martin"), ("label", "NUMEN"), ("input", "12E3456789ABC"), ("text", "…"), ("primary!", "Préparer la lettre")],
        "« Letter to the rectorat » page: Surname, First name, NUMEN… then the « Prepare the letter » button",
        [("h1", "Letter to the rectorat"), ("label", "Surname"), ("input", "Martin"), ("label", "NUMEN"), ("input", "12E3456789ABC"), ("text", "…"), ("primary!", "Prepare the letter")]),
    "oubli-lien": (
        "Page « Se connecter » : le lien « Mot de passe oublié ? » sous le bouton",
        [("h1", "Se connecter"), ("label", "Mot de passe"), ("input", ""), ("primary", "Se connecter"), ("label", "Un problème pour vous connecter ?"), ("link!", "Mot de passe oublié ?"), ("link", "Aide à la connexion")],
        "« Sign in » page: the « Forgotten password? » link below the button",
        [("h1", "Sign in"), ("label", "Password"), ("input", ""), ("primary", "Sign in"), ("label", "Trouble signing in?"), ("link!", "Forgotten password?"), ("link", "Help with signing in")]),
    "oubli-identifiant": (
        "Page « Mot de passe oublié » : champ « Identifiant académique » puis bouton « Continuer »",
        [("h1", "Mot de passe oublié"), ("label", "Identifiant académique"), ("input!", "cmartin"), ("primary!", "Continuer")],
        "« Forgotten password » page: « Academic identifier » field then « Continue » button",
        [("h1", "Forgotten password"), ("label", "Academic identifier"), ("input!", "cmartin"), ("primary!", "Continue")]),
    "oubli-methode": (
        "Page « M'auto dépanner » : trois choix pour recevoir le premier code, puis « Continuer »",
        [("h1", "M'auto dépanner"), ("label", "Comment voulez-vous recevoir"), ("label", "votre premier code ?"), ("radio!", "Recevoir un code par courriel", True), ("radio!", "Demander l'aide de l'assistance technique", False), ("radio!", "Utiliser mon adresse de secours", False), ("gap", 4), ("primary", "Continuer")],
        "« Fix it myself » page: three ways to receive the first code, then « Continue »",
        [("h1", "Fix it myself"), ("label", "How do you want to receive"), ("label", "your first code?"), ("radio!", "Receive a code by e-mail", True), ("radio!", "Ask technical assistance for help", False), ("radio!", "Use my backup address", False), ("gap", 4), ("primary", "Continue")]),
    "oubli-assistance": (
        "Demande à l'assistance technique : « Comment vous joindre », « Message (facultatif) », bouton « Envoyer la demande »",
        [("label", "Comment vous joindre"), ("input!", "06 12 34 56 78, l'après-midi"), ("label", "Message (facultatif)"), ("input", ""), ("primary!", "Envoyer la demande")],
        "Request to technical assistance: « How to reach you », « Message (optional) », « Send the request » button",
        [("label", "How to reach you"), ("input!", "06 12 34 56 78, afternoons"), ("label", "Message (optional)"), ("input", ""), ("primary!", "Send the request")]),
    "oubli-questions": (
        "Page « Question 2 sur 2 » : la question personnelle, la réponse tapée, le bouton « Envoyer le code »",
        [("h1", "Question 2 sur 2"), ("label", "Le nom de votre première école ?"), ("input!", "jules ferry"), ("primary!", "Envoyer le code")],
        "« Question 2 of 2 » page: the personal question, the typed answer, « Send the code » button",
        [("h1", "Question 2 of 2"), ("label", "The name of your first school?"), ("input!", "jules ferry"), ("primary!", "Send the code")]),
    "oubli-code": (
        "Page « Saisir le code » : champ « Code à 8 chiffres », bouton « Valider le code », lien « Je n'ai pas reçu de code »",
        [("h1", "Saisir le code"), ("text", "Si un compte correspond, un code a été envoyé…"), ("label", "Code à 8 chiffres"), ("input!", "48213597"), ("primary!", "Valider le code"), ("link", "Je n'ai pas reçu de code")],
        "« Enter the code » page: « 8-digit code » field, « Check the code » button, « I did not receive a code » link",
        [("h1", "Enter the code"), ("text", "If an account matches, a code has been sent…"), ("label", "8-digit code"), ("input!", "48213597"), ("primary!", "Check the code"), ("link", "I did not receive a code")]),
    "oubli-nouveau": (
        "Page « Choisir un nouveau mot de passe » : règles, champ, « Enregistrer le mot de passe », « Afficher le mot de passe »",
        [("h1", "Choisir un nouveau mot de passe"), ("text", "fait au moins 12 caractères ;"), ("input!", "••••••••••••••••"), ("primary!", "Enregistrer le mot de passe"), ("button", "Afficher le mot de passe")],
        "« Choose a new password » page: rules, field, « Save the password », « Show the password »",
        [("h1", "Choose a new password"), ("text", "has at least 12 characters;"), ("input!", "••••••••••••••••"), ("primary!", "Save the password"), ("button", "Show the password")]),
    "oubli-termine": (
        "Page « Mot de passe changé » et son lien « Se connecter »",
        [("h1", "Mot de passe changé"), ("link!", "Se connecter")],
        "« Password changed » page and the « Sign in » link",
        [("h1", "Password changed"), ("link!", "Sign in")]),
    "securite-lien": (
        "En-tête des pages de courrier : le lien « Sécurité du compte » en haut à droite",
        [("topright!", "Sécurité du compte"), ("h1", "Boîte de réception"), ("text", "Marie Dupont — Réunion de rentrée", INK), ("text", "Inspection — Calendrier des visites", INK), ("text", "Secrétariat — Emploi du temps", INK)],
        "Header of the mail pages: the « Account security » link at the top right",
        [("topright!", "Account security"), ("h1", "Inbox"), ("text", "Marie Dupont — Start of year meeting", INK), ("text", "Inspection — Visit calendar", INK), ("text", "Office — Timetable", INK)]),
    "securite-page": (
        "Page « Sécurité du compte » : Adresse de secours, Questions personnelles, Changer le mot de passe",
        [("h1", "Sécurité du compte"), ("gap", 6), ("h1!", "Adresse de secours"), ("h1!", "Questions personnelles"), ("h1", "Changer le mot de passe")],
        "« Account security » page: Backup address, Personal questions, Change the password",
        [("h1", "Account security"), ("gap", 6), ("h1!", "Backup address"), ("h1!", "Personal questions"), ("h1", "Change the password")]),
    "deconnexion": (
        "En-tête de la messagerie une fois connecté : le bouton « Se déconnecter » en haut à droite",
        [("topright!", "Se déconnecter"), ("h1", "Boîte de réception"), ("text", "Connecté : cmartin", INK), ("gap", 60), ("text", "Ordinateur partagé : déconnexion automatique…", MUTED)],
        "The webmail's header once signed in: the « Sign out » button at the top right",
        [("topright!", "Sign out"), ("h1", "Inbox"), ("text", "Signed in: cmartin", INK), ("gap", 60), ("text", "Shared computer: you are signed out after…", MUTED)]),
}

if __name__ == "__main__":
    for name, (fr_title, fr, en_title, en) in FIGURES.items():
        for lang, title, elements in (("fr", fr_title, fr), ("en", en_title, en)):
            os.makedirs(os.path.join(ROOT, lang), exist_ok=True)
            with open(os.path.join(ROOT, lang, name + ".svg"), "w", encoding="utf-8") as f:
                f.write(draw(title, elements, APP[lang]))
    if PROBLEMS:
        raise SystemExit("\n".join(PROBLEMS))
