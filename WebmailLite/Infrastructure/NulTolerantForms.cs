using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace WebmailLite.Infrastructure;

/// <summary>
/// ASP.NET Core's reader of <c>application/x-www-form-urlencoded</c> bodies refuses <c>%00</c> («The form value
/// contains invalid characters»): the whole form becomes unreadable, the antiforgery check fails without a log line
/// and the person gets the error page with everything typed gone. Such a body is read here instead, NUL included,
/// so that the page can answer it like any other mistake (see <see cref="NulCharacterFilter"/>). Multipart forms
/// (compose) never had the problem: their values are not percent-encoded.
/// </summary>
public static class NulTolerantForms
{
    /// <summary>Our urlencoded forms are a few kilobytes; a larger body is left to the framework as it is.</summary>
    private const int MaxInspectedBytes = 1024 * 1024;

    public static IApplicationBuilder UseNulTolerantForms(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method)
            && MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            && request.ContentLength is > 0 and <= MaxInspectedBytes)
        {
            request.EnableBuffering(MaxInspectedBytes);
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, context.RequestAborted);
            request.Body.Position = 0;
            if (HoldsNul(body.GetBuffer().AsSpan(0, (int)body.Length)))
            {
                body.Position = 0;
                var options = new FormOptions();
                // The same limits as the framework's reader; only the decoding of %00 differs (Uri.UnescapeDataString).
                using var reader = new FormReader(body, Encoding.UTF8)
                {
                    ValueCountLimit = options.ValueCountLimit,
                    KeyLengthLimit = options.KeyLengthLimit,
                    ValueLengthLimit = options.ValueLengthLimit,
                };
                var fields = await reader.ReadFormAsync(context.RequestAborted);
                context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(fields)));
            }
        }
        await next(context);
    });

    private static bool HoldsNul(ReadOnlySpan<byte> body) => body.IndexOf("%00"u8) >= 0 || body.IndexOf((byte)0) >= 0;
}
