from django.urls import path, include
urlpatterns = []
