<?php
/**
 * German texts of the plugin (WordPress 6.5+ reads .l10n.php files).
 *
 * @package ThankyouEmbed
 */

return array(
	'domain'       => 'thankyou-embed',
	'language'     => 'de_DE',
	'plural-forms' => 'nplurals=2; plural=(n != 1);',
	'messages'     => array(
		'Thank-you page'                 => 'Danke-Seite',
		'Thank-you page server'          => 'Danke-Seiten-Server',
		'The shop key, key id and signing secret are on your thank-you page server under Shops → your shop → Signing secrets.' => 'Shop-Schlüssel, Schlüssel-ID und Signaturgeheimnis stehen auf Ihrem Danke-Seiten-Server unter Shops → Ihr Shop → Signaturgeheimnisse.',
		'Server URL'                     => 'Server-URL',
		'For example https://thankyou.example' => 'Zum Beispiel https://thankyou.example',
		'Shop key'                       => 'Shop-Schlüssel',
		'Key id'                         => 'Schlüssel-ID',
		'Signing secret'                 => 'Signaturgeheimnis',
		'Test mode'                      => 'Testmodus',
		'Mark every order as a test: the page is shown, nothing is counted.' => 'Jede Bestellung als Test kennzeichnen: Die Seite wird gezeigt, nichts wird gezählt.',
		'Referral codes'                 => 'Empfehlungscodes',
		'Keep the ?ref= code of a landing page in a cookie for 30 days and send it with the order. Check that your cookie notice covers it.' => 'Den ?ref=-Code einer Einstiegsseite 30 Tage in einem Cookie speichern und mit der Bestellung senden. Prüfen Sie, ob Ihr Cookie-Hinweis das abdeckt.',
		'Enter the server URL, starting with https://.' => 'Geben Sie die Server-URL ein, beginnend mit https://.',
		'Enter the shop key: letters, digits, - and _.' => 'Geben Sie den Shop-Schlüssel ein: Buchstaben, Ziffern, - und _.',
		'The key id holds letters, digits, - and _ only.' => 'Die Schlüssel-ID besteht nur aus Buchstaben, Ziffern, - und _.',
		'Enter the signing secret.'      => 'Geben Sie das Signaturgeheimnis ein.',
		'Set in wp-config.php (THANKYOU_EMBED_SECRET)' => 'In wp-config.php gesetzt (THANKYOU_EMBED_SECRET)',
		'Stored: leave empty to keep it' => 'Gespeichert: leer lassen, um es zu behalten',
	),
);
