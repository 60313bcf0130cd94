"""The rich-text feature sets, named once: every RichTextField and RichTextBlock takes one of these.

A list's order is the order of the editor's toolbar, and migrations keep each field's list as it
was when the field was made, so a set changed here needs a migration for every field using it.
The courses write bulleted lists before numbered ones; the other apps the other way round."""

# Bold, italic and links: intros, notes, a case's funding line.
BASIC = ["bold", "italic", "link"]
# BASIC and a bulleted list: ERFA intros and programme items.
BASIC_WITH_LIST = [*BASIC, "ul"]
# Bold, italic and a bulleted list, no links: a course's learning objectives.
BULLETS = ["bold", "italic", "ul"]
# Body text: BASIC and numbered and bulleted lists (the toolbox's steps, glossary terms).
BODY = [*BASIC, "ol", "ul"]
# Body text with subheadings: case sections, the toolbox's method texts.
WITH_HEADINGS = ["h3", *BODY]
# A course's body text (bulleted lists first).
COURSE_BODY = [*BASIC, "ul", "ol"]
# A lesson's text: COURSE_BODY with subheadings and quotes.
LESSON_BODY = [*COURSE_BODY, "h3", "blockquote"]
