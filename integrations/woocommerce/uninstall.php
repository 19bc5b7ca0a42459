<?php
/**
 * Removes the plugin's settings (with the signing secret) when it is deleted.
 *
 * @package ThankyouEmbed
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'thankyou_embed' );
