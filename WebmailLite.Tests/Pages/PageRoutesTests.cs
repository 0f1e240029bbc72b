using System.Net;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Pages;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages;

/// <summary>Every page has exactly one address, the one in <see cref="PageRoutes"/>, and nothing else answers for it.</summary>
public sealed class PageRoutesTests : IDisposable
{
    private readonly WebmailFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void EveryPage_HasTheAddressOfTheTable_AndTheTableNamesNoMissingPage()
    {
        var pages = _factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>()
            .ToList();

        Assert.Equal(PageRoutes.ByPage.Keys.Order(StringComparer.Ordinal), pages.Select(p => p.ViewEnginePath).Distinct().Order(StringComparer.Ordinal));
        foreach (var page in pages)
        {
            Assert.Equal(PageRoutes.ByPage[page.ViewEnginePath].TrimStart('/'), page.AttributeRouteInfo!.Template);
        }
    }

    [Theory]
    [InlineData("/Account/SignIn")]
    [InlineData("/Mail/Compose")]
    [InlineData("/Guide/Index")]
    [InlineData("/Recovery/Index")]
    public async Task TheDefaultAddressOfAPage_IsNotFound(string defaultAddress)
    {
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(defaultAddress);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
