def directory_search(page, request):
    return {}
