"""files.*: the two-step external upload, sharing into channels, and files.info."""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from bot.sandbox.fake_state import ApiError, Message, StoredFile, Upload
from bot.sandbox.fake_workspace import Workspace


class FilesApi(Workspace):
    def _files_get_upload_url(self, params: dict[str, Any]) -> dict[str, Any]:
        filename = params.get("filename")
        length = params.get("length")
        if not filename or length is None or not str(length).isdigit():
            raise ApiError("invalid_arguments", messages=["missing required field: length"])
        upload = Upload(self._next_id("F"), str(filename), int(length), params.get("alt_txt"))
        token = self._token(20)
        self._uploads[token] = upload
        return {"upload_url": f"{self.base_url}upload/v1/{token}", "file_id": upload.file_id}

    async def _upload(self, request: web.Request) -> web.StreamResponse:
        upload = self._uploads.get(request.match_info["token"])
        if upload is None:
            return web.Response(status=404, text="Not Found")
        if request.content_type == "multipart/form-data":
            form = await request.post()
            part = next((v for v in form.values() if isinstance(v, web.FileField)), None)
            data = part.file.read() if part is not None else b""
        else:
            data = await request.read()
        upload.content = data
        await self._record("upload", {"file_id": upload.file_id, "length": len(data)}, None)
        return web.Response(text=f"OK - {len(data)}", content_type="text/plain")

    def _files_complete_upload(self, params: dict[str, Any]) -> dict[str, Any]:
        entries = params.get("files")
        if not isinstance(entries, list) or not entries:
            raise ApiError("invalid_arguments", messages=["missing required field: files"])
        wanted = [params["channel_id"]] if params.get("channel_id") else []
        wanted += [c for c in str(params.get("channels") or "").split(",") if c]
        if any(str(c)[:1] in ("U", "W") for c in wanted):
            # Unlike chat.postMessage, sharing a file needs a real channel (conversations.open).
            raise ApiError("channel_not_found")
        channel_ids = [self._resolve_channel(c) for c in wanted]
        stored: list[StoredFile] = []
        for entry in entries:
            upload = next((u for u in self._uploads.values() if u.file_id == entry.get("id")), None)
            if upload is None or upload.content is None:
                raise ApiError("file_not_found")
            stored.append(
                StoredFile(
                    id=upload.file_id,
                    name=upload.filename,
                    title=entry.get("title") or upload.filename,
                    content=upload.content,
                    mimetype=_mimetype(upload.filename),
                    created=int(time.time()),
                    channels=channel_ids,
                    alt_txt=upload.alt_txt,
                )
            )
        for file in stored:
            self.files[file.id] = file
        for channel_id in channel_ids:
            message = Message(
                ts=self._next_ts(),
                channel=channel_id,
                text=str(params.get("initial_comment") or ""),
                files=stored,
                thread_ts=params.get("thread_ts"),
                seq=self._tick(),
            )
            self.channels[channel_id].append(message)
            owner = self._dm_owner.get(channel_id)
            if owner is not None:
                self.screen(owner).files.extend(stored)
        return {"files": [{"id": f.id, "title": f.title} for f in stored]}

    def _files_info(self, params: dict[str, Any]) -> dict[str, Any]:
        file = self.files.get(str(params.get("file", "")))
        if file is None:
            raise ApiError("file_not_found")
        return {"file": file.payload()}

    # --- response_url -----------------------------------------------------------------


def _mimetype(filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return {
        "csv": "text/csv",
        "json": "application/json",
        "txt": "text/plain",
        "png": "image/png",
        "pdf": "application/pdf",
    }.get(ext, "application/octet-stream")
