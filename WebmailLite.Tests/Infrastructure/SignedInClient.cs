using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WebmailLite.Tests.Infrastructure;

public static class SignedInClient
{
    public static HttpClient NewClient(this WebmailFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real sign-in form; returns the response to the POST.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string identifier, string password, string computer = "Shared")
    {
        var page = await HtmlPage.GetAsync(client, "/");
        return await page.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Identifier"] = identifier,
            ["Input.Password"] = password,
            ["Input.Computer"] = computer,
        });
    }

    /// <summary>A client signed in, or a failed assertion.</summary>
    public static async Task<HttpClient> SignedInAsync(this WebmailFactory factory, string identifier, string password, string computer = "Shared")
    {
        var client = factory.NewClient();
        var response = await client.SignInAsync(identifier, password, computer);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/courrier", response.Headers.Location?.OriginalString);
        return client;
    }
}
