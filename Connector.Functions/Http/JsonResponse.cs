using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Connector.Functions.Http;

/// <summary>A JSON response written directly (no MVC formatters needed), so tests can execute it on a plain HttpContext.</summary>
public sealed class JsonResponse<T>(int statusCode, T value, JsonTypeInfo<T> typeInfo, string contentType = "application/json") : IActionResult
{
    public int StatusCode => statusCode;
    public T Value => value;
    public string ContentType => contentType;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType + "; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, value, typeInfo, context.HttpContext.RequestAborted);
    }
}
