using WebmailLite.Accessibility;
using WebmailLite.Accounts;
using WebmailLite.Branding;
using WebmailLite.Contacts;
using WebmailLite.Guide;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Operations;
using WebmailLite.Practice;
using WebmailLite.Preferences;
using WebmailLite.Recovery;
using WebmailLite.Storage;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppFolder.ContentRoot(args) });

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddBranding(builder.Configuration);
builder.Services.AddStorage(builder.Configuration, builder.Environment);
builder.Services.AddMail(builder.Configuration);
if (MailServerChoice.UsePractice(builder.Configuration, builder.Environment))
{
    builder.Services.AddPractice();
}
else
{
    builder.Services.AddImapServer();
}
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddRecovery(builder.Configuration);
builder.Services.AddPreferences();
builder.Services.AddWebmailWeb(builder.Configuration);
builder.Services.AddGuide(builder.Configuration);
builder.Services.AddContacts();
builder.Services.AddAccessibilityStatement(builder.Configuration);
builder.Services.AddOperations(builder.Configuration);

var app = builder.Build();

app.UseWebmailPipeline();
app.MapOperations();
app.MapBranding();
app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
