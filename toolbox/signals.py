from django.core.signals import request_finished, request_started

from .glossary import end_page, start_page

request_started.connect(start_page, dispatch_uid="toolbox_glossary_start_page")
request_finished.connect(end_page, dispatch_uid="toolbox_glossary_end_page")
