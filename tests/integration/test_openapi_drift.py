"""openapi/openapi.json is what the app serves; regenerate with `python -m service openapi`."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from service.__main__ import openapi_document, openapi_path


def test_committed_spec_matches_the_app() -> None:
    committed = openapi_path().read_text(encoding="utf-8")
    assert committed == openapi_document(), "run `python -m service openapi` and commit the result"


async def test_spec_documents_every_operation(client: AsyncTestClient) -> None:
    spec = (await client.get("/docs/openapi.json")).json()
    assert (await client.get("/docs")).status_code == 200
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            assert operation.get("summary"), (method, path)
            assert any(code.startswith("2") for code in operation["responses"]), (method, path)
            if path.startswith("/v1/") and path != "/v1/actors":
                assert any(code[0] in "45" for code in operation["responses"]), (method, path)
    example = spec["paths"]["/v1/articles"]["post"]["requestBody"]["content"]["application/json"]
    assert "بغداد" in str(example)
