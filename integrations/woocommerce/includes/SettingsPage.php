<?php
/**
 * WooCommerce → Thank-you page: the server, the shop key and the signing
 * secret, through WordPress's Settings API.
 *
 * @package ThankyouEmbed
 */

namespace Thankyou\WooCommerce;

defined( 'ABSPATH' ) || exit;

/**
 * The settings page.
 */
final class SettingsPage {

	public const PAGE = 'thankyou-embed';

	/** Who may change the settings: those who manage the shop. */
	public const CAPABILITY = 'manage_woocommerce';

	/**
	 * Hooks the page in.
	 */
	public function register(): void {
		add_action( 'admin_menu', array( $this, 'add_page' ) );
		add_action( 'admin_init', array( $this, 'register_settings' ) );
		// options.php asks for manage_options unless told otherwise.
		add_filter(
			'option_page_capability_' . Plugin::OPTION,
			static function (): string {
				return self::CAPABILITY;
			}
		);
	}

	/**
	 * Adds the page under WooCommerce's menu.
	 */
	public function add_page(): void {
		add_submenu_page(
			'woocommerce',
			__( 'Thank-you page', 'thankyou-embed' ),
			__( 'Thank-you page', 'thankyou-embed' ),
			self::CAPABILITY,
			self::PAGE,
			array( $this, 'render' )
		);
	}

	/**
	 * Registers the option and its fields.
	 */
	public function register_settings(): void {
		register_setting(
			Plugin::OPTION,
			Plugin::OPTION,
			array(
				'type'              => 'array',
				'sanitize_callback' => array( $this, 'sanitize' ),
				'default'           => Plugin::DEFAULTS,
				'show_in_rest'      => false,
			)
		);
		add_settings_section(
			'thankyou_embed_server',
			__( 'Thank-you page server', 'thankyou-embed' ),
			static function (): void {
				echo '<p>' . esc_html__( 'The shop key, key id and signing secret are on your thank-you page server under Shops → your shop → Signing secrets.', 'thankyou-embed' ) . '</p>';
			},
			self::PAGE
		);
		$fields = array(
			'server_url' => array( __( 'Server URL', 'thankyou-embed' ), 'url', __( 'For example https://thankyou.example', 'thankyou-embed' ) ),
			'shop_key'   => array( __( 'Shop key', 'thankyou-embed' ), 'text', '' ),
			'key_id'     => array( __( 'Key id', 'thankyou-embed' ), 'text', '' ),
			'secret'     => array( __( 'Signing secret', 'thankyou-embed' ), 'password', '' ),
			'test_mode'  => array( __( 'Test mode', 'thankyou-embed' ), 'checkbox', __( 'Mark every order as a test: the page is shown, nothing is counted.', 'thankyou-embed' ) ),
			'referrals'  => array( __( 'Referral codes', 'thankyou-embed' ), 'checkbox', __( 'Keep the ?ref= code of a landing page in a cookie for 30 days and send it with the order. Check that your cookie notice covers it.', 'thankyou-embed' ) ),
		);
		foreach ( $fields as $name => list( $label, $type, $help ) ) {
			add_settings_field(
				'thankyou_embed_' . $name,
				$label,
				array( $this, 'render_field' ),
				self::PAGE,
				'thankyou_embed_server',
				array(
					'name'      => $name,
					'type'      => $type,
					'help'      => $help,
					'label_for' => 'thankyou_embed_' . $name,
				)
			);
		}
	}

	/**
	 * Cleans what the form sent. An empty secret keeps the stored one (the form
	 * never shows it); each setting the plugin cannot sign with is named.
	 *
	 * @param mixed $input The submitted values.
	 * @return array<string, mixed>
	 */
	public function sanitize( $input ): array {
		$input  = is_array( $input ) ? $input : array();
		$stored = array_merge( Plugin::DEFAULTS, (array) get_option( Plugin::OPTION, array() ) );
		$values = array(
			'server_url' => sanitize_text_field( (string) ( $input['server_url'] ?? '' ) ),
			'shop_key'   => sanitize_text_field( (string) ( $input['shop_key'] ?? '' ) ),
			'key_id'     => sanitize_text_field( (string) ( $input['key_id'] ?? '' ) ),
			'secret'     => trim( (string) ( $input['secret'] ?? '' ) ),
			'test_mode'  => ! empty( $input['test_mode'] ),
			'referrals'  => ! empty( $input['referrals'] ),
		);
		if ( '' === $values['secret'] ) {
			$values['secret'] = (string) $stored['secret'];
		}
		$messages = array(
			'server_url' => __( 'Enter the server URL, starting with https://.', 'thankyou-embed' ),
			'shop_key'   => __( 'Enter the shop key: letters, digits, - and _.', 'thankyou-embed' ),
			'key_id'     => __( 'The key id holds letters, digits, - and _ only.', 'thankyou-embed' ),
			'secret'     => __( 'Enter the signing secret.', 'thankyou-embed' ),
		);
		$in_config = defined( 'THANKYOU_EMBED_SECRET' ) ? array( 'secret' => Plugin::options()['secret'] ) : array();
		foreach ( Plugin::settings( array_merge( $values, $in_config ) )->problems() as $problem ) {
			add_settings_error( Plugin::OPTION, 'thankyou_embed_' . $problem, $messages[ $problem ] );
		}
		return $values;
	}

	/**
	 * Prints the page.
	 */
	public function render(): void {
		if ( ! current_user_can( self::CAPABILITY ) ) {
			return;
		}
		echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1><form action="options.php" method="post">';
		settings_fields( Plugin::OPTION );
		do_settings_sections( self::PAGE );
		submit_button();
		echo '</form></div>';
	}

	/**
	 * Prints one field.
	 *
	 * @param array{name: string, type: string, help: string, label_for: string} $field The field.
	 */
	public function render_field( array $field ): void {
		$options = Plugin::options();
		$id      = $field['label_for'];
		$name    = Plugin::OPTION . '[' . $field['name'] . ']';
		if ( 'checkbox' === $field['type'] ) {
			printf(
				'<input type="checkbox" id="%s" name="%s" value="1"%s> <label for="%1$s">%s</label>',
				esc_attr( $id ),
				esc_attr( $name ),
				checked( ! empty( $options[ $field['name'] ] ), true, false ),
				esc_html( $field['help'] )
			);
			return;
		}
		if ( 'password' === $field['type'] ) {
			// The secret is never sent back to the browser.
			$locked = defined( 'THANKYOU_EMBED_SECRET' );
			printf(
				'<input type="password" id="%s" name="%s" value="" class="regular-text" autocomplete="new-password" placeholder="%s"%s>',
				esc_attr( $id ),
				esc_attr( $name ),
				esc_attr( $locked ? __( 'Set in wp-config.php (THANKYOU_EMBED_SECRET)', 'thankyou-embed' ) : ( '' !== $options['secret'] ? __( 'Stored: leave empty to keep it', 'thankyou-embed' ) : '' ) ),
				$locked ? ' disabled' : ''
			);
			return;
		}
		printf(
			'<input type="%s" id="%s" name="%s" value="%s" class="regular-text"%s>',
			esc_attr( $field['type'] ),
			esc_attr( $id ),
			esc_attr( $name ),
			esc_attr( (string) $options[ $field['name'] ] ),
			'' !== $field['help'] ? ' aria-describedby="' . esc_attr( $id ) . '_help"' : ''
		);
		if ( '' !== $field['help'] ) {
			printf( '<p class="description" id="%s_help">%s</p>', esc_attr( $id ), esc_html( $field['help'] ) );
		}
	}
}
