<#
.SYNOPSIS
  Install (or remove) the vscmirror CA in the Windows certificate store (Trusted Root Certification Authorities).
.DESCRIPTION
  VS Code desktop (Chromium network stack), Edge, curl.exe (Schannel) and the `code` CLI use this store.
  Node-based processes (code-server, VS Code server) need NODE_EXTRA_CA_CERTS as well: see ca/README.md.
  Without -CurrentUser it needs an elevated PowerShell (Run as administrator) and applies to all users.
.EXAMPLE
  .\install-windows.ps1 -CaFile C:\vscmirror\ca.crt
.EXAMPLE
  .\install-windows.ps1 -CaFile C:\vscmirror\ca.crt -CurrentUser
.EXAMPLE
  .\install-windows.ps1 -Remove -CaFile C:\vscmirror\ca.crt
#>
param(
    [string]$CaFile = "$env:LOCALAPPDATA\vscmirror\ca\ca.crt",
    [switch]$CurrentUser,
    [switch]$Remove
)
$ErrorActionPreference = 'Stop'

$store = if ($CurrentUser) { 'Cert:\CurrentUser\Root' } else { 'Cert:\LocalMachine\Root' }
if (-not $CurrentUser) {
    $principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        Write-Error "The machine-wide store needs an elevated PowerShell (Run as administrator), or use -CurrentUser."
        exit 1
    }
}

if ($Remove) {
    if (Test-Path $CaFile) {
        $cert = New-Object Security.Cryptography.X509Certificates.X509Certificate2($CaFile)
        $found = Get-ChildItem $store | Where-Object { $_.Thumbprint -eq $cert.Thumbprint }
    } else {
        $found = Get-ChildItem $store | Where-Object { $_.Subject -like '*vscmirror root CA*' }
    }
    if (-not $found) {
        Write-Output "No vscmirror CA in $store; nothing to remove."
        exit 0
    }
    foreach ($c in $found) {
        Remove-Item -Path "$store\$($c.Thumbprint)"
        Write-Output "Removed $($c.Subject) ($($c.Thumbprint)) from $store."
    }
    exit 0
}

if (-not (Test-Path $CaFile)) {
    Write-Error "Cannot read $CaFile (create it with 'vscmirror ca init' on the mirror, copy ca.crt here, pass -CaFile)."
    exit 1
}
$imported = Import-Certificate -FilePath $CaFile -CertStoreLocation $store
Write-Output "Installed $($imported.Subject) ($($imported.Thumbprint)) into $store."
Write-Output "Remove with: .\install-windows.ps1 -Remove -CaFile $CaFile$(if ($CurrentUser) { ' -CurrentUser' })"
