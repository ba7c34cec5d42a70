"""Run inside an install upgraded from the single-commune database: what a visitor sees.

`python -m tests.communes.upgraded_world` prints, as JSON, the pages' status codes and the
texts the test looks for (with the backup tests' settings and the upgraded database).
"""

import json

import django


def pages():
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    found = {}
    for name, path in {
        "dashboard": "/chi-so/2025/",
        "meeting": "/cuoc-hop/hop-ban-chi-dao-danh-gia-nam-2025/",
        "news": "/tin-tuc/",
        "documents": "/van-ban/",
        "home": "/",
        "search": "/tim-kiem/?q=chuyen+doi+so",
    }.items():
        response = client.get(path)
        found[name] = {"status": response.status_code, "text": response.content.decode()}
    found["unknown_host"] = {"status": Client(HTTP_HOST="la.example").get("/").status_code}
    return found


if __name__ == "__main__":
    django.setup()
    print(json.dumps(pages(), ensure_ascii=False))
