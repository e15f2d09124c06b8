"""The interface's languages: which there are, their words (gettext catalogues) and their CLDR rules (Babel).

locales.py names the twelve languages and maps each to the Babel locale whose number, date and plural rules it
takes; messages.py reads the catalogues under locale/ and answers a translator per language; numbers.py and
names.py format numbers and name countries through CLDR. Every text a reader sees goes through these, given the
view's `lang`, so a figure's numbers stay language-neutral and its words are a small part per language.
"""
