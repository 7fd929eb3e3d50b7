using Connector.Core.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Connector.Functions.Http;

/// <summary>A report file copied from its blob stream to the response as it is read (never whole in memory), as an attachment.</summary>
public sealed class StreamAnswer(ReportDownload download) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        await using var content = download.Content;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = download.ContentType;
        response.ContentLength = download.Length;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(download.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        await content.CopyToAsync(response.Body, context.HttpContext.RequestAborted);
    }
}
