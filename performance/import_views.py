# Replaced by the spreadsheet import views.
from django.http import HttpResponse
from django.views import View


class ImportView(View):
    def get(self, request):
        return HttpResponse("")


class ImportConfirmView(ImportView):
    pass


class ImportTemplateView(ImportView):
    pass
