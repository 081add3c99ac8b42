import { defineMessages } from '../i18n/define.ts';

// Message texts (notify.templates.ts chooses them per kind and channel) and the development mailbox page.
// Bahasa Indonesia: EYD V, short sentences, "Anda". E-mail bodies are plain text: keep the line breaks.
export const notifyMessages = defineMessages({
  id: {
    'notify.email.greeting': 'Halo,',
    'notify.email.footer': 'Pesan ini dikirim otomatis oleh Loket. Pesan ini tidak perlu dibalas.',

    'notify.verifyContact.label': 'Kode verifikasi kontak',
    'notify.verifyContact.subject': 'Kode verifikasi Loket Anda',
    'notify.verifyContact.body':
      'Kode verifikasi Anda:\n\n{code}\n\nMasukkan kode ini di Loket untuk memastikan bahwa alamat surel ini milik Anda. Kode ini berlaku selama 10 menit.\n\nJangan berikan kode ini kepada siapa pun, termasuk petugas. Petugas Loket tidak pernah meminta kode Anda.\n\nJika Anda tidak sedang mendaftar atau mengubah kontak di Loket, abaikan pesan ini.',
    'notify.verifyContact.short': 'Loket: kode verifikasi Anda {code}. Berlaku 10 menit. Jangan berikan kode ini kepada siapa pun.',

    'notify.signInAlert.label': 'Pemberitahuan masuk akun',
    'notify.signInAlert.subject': 'Ada yang masuk ke akun Loket Anda',
    'notify.signInAlert.body':
      'Akun Loket Anda baru saja digunakan untuk masuk.\n\nWaktu: {time}\nPerangkat: {device}\n\nJika itu Anda, Anda tidak perlu melakukan apa pun.\n\nJika itu bukan Anda, segera masuk ke Loket, ganti kata sandi Anda, lalu keluarkan semua perangkat dari akun Anda di halaman profil.',
    'notify.signInAlert.short': 'Loket: akun Anda digunakan untuk masuk pada {time}. Jika itu bukan Anda, segera ganti kata sandi Anda.',

    'notify.applicationSubmitted.label': 'Permohonan diterima',
    'notify.applicationSubmitted.subject': 'Permohonan {trackingNumber} sudah diterima',
    'notify.applicationSubmitted.body':
      'Permohonan Anda untuk layanan {serviceName} sudah diterima.\n\nNomor permohonan: {trackingNumber}\nBatas waktu penyelesaian: {dueDate}\n\nSimpan nomor permohonan ini. Anda dapat melihat status permohonan di Loket dengan nomor ini.',
    'notify.applicationSubmitted.short': 'Loket: permohonan {trackingNumber} sudah diterima. Batas waktu penyelesaian: {dueDate}.',

    'notify.informationRequested.label': 'Permintaan informasi tambahan',
    'notify.informationRequested.subject': 'Permohonan {trackingNumber} memerlukan tindakan Anda',
    'notify.informationRequested.body':
      'Petugas memerlukan informasi tambahan untuk permohonan {trackingNumber}.\n\nBuka halaman permohonan Anda, baca pesan dari petugas, lalu kirim informasi atau dokumen yang diminta:\n\n{link}\n\nPermohonan Anda baru diproses lagi setelah Anda mengirim informasi tersebut.',
    'notify.informationRequested.short': 'Loket: permohonan {trackingNumber} memerlukan informasi tambahan. Buka {link}',

    'notify.applicationStatus.label': 'Status permohonan berubah',
    'notify.applicationStatus.subject': 'Status permohonan {trackingNumber}: {status}',
    'notify.applicationStatus.body': 'Status permohonan {trackingNumber} berubah.\n\nStatus baru: {status}\n\nMasuk ke Loket untuk melihat rinciannya.',
    'notify.applicationStatus.short': 'Loket: status permohonan {trackingNumber} sekarang {status}.',

    'notify.documentReady.label': 'Dokumen terbit',
    'notify.documentReady.subject': 'Dokumen untuk permohonan {trackingNumber} sudah terbit',
    'notify.documentReady.body':
      'Permohonan {trackingNumber} sudah selesai dan dokumennya sudah terbit.\n\nUnduh dokumen Anda dari halaman permohonan:\n\n{link}\n\nSetiap dokumen memuat kode QR. Siapa pun dapat memindainya untuk memeriksa keasliannya.',
    'notify.documentReady.short': 'Loket: dokumen permohonan {trackingNumber} sudah terbit. Unduh di {link}',

    'notify.paymentDue.label': 'Tagihan biaya layanan',
    'notify.paymentDue.subject': 'Bayar biaya layanan untuk permohonan {trackingNumber}',
    'notify.paymentDue.body':
      'Permohonan {trackingNumber} dikenai biaya layanan sebesar {amount}.\n\nKode bayar: {billingCode}\nBerlaku sampai: {expiresAt}\n\nBayar dengan kode ini di bank atau layanan pembayaran yang menerima penerimaan negara. Rinciannya ada di halaman permohonan:\n\n{link}',
    'notify.paymentDue.short': 'Loket: bayar {amount} untuk permohonan {trackingNumber} dengan kode bayar {billingCode} sebelum {expiresAt}.',

    'notify.slaWarning.label': 'Peringatan batas waktu',
    'notify.slaWarning.subject': 'Permohonan {trackingNumber} mendekati batas waktu',
    'notify.slaWarning.body':
      'Langkah yang Anda tangani untuk permohonan {trackingNumber} sudah memakai 75% waktunya dan harus selesai paling lambat {dueAt}.\n\nBuka permohonan:\n\n{link}',
    'notify.slaWarning.short': 'Loket: permohonan {trackingNumber} harus selesai paling lambat {dueAt}.',

    'notify.slaBreach.label': 'Batas waktu terlampaui',
    'notify.slaBreach.subject': 'Permohonan {trackingNumber} melewati batas waktu',
    'notify.slaBreach.body':
      'Satu langkah permohonan {trackingNumber} melewati batas waktunya. Permohonan ini sudah ditandai terlambat.\n\nPeriksa dan tindak lanjuti:\n\n{link}',
    'notify.slaBreach.short': 'Loket: permohonan {trackingNumber} melewati batas waktu.',

    'notify.slaEscalation.label': 'Eskalasi ke pimpinan',
    'notify.slaEscalation.subject': 'Eskalasi: permohonan {trackingNumber} berulang kali terlambat',
    'notify.slaEscalation.body':
      'Permohonan {trackingNumber} melewati batas waktu lebih dari sekali dan dipindahkan ke antrean pimpinan instansi.\n\nBuka permohonan:\n\n{link}',
    'notify.slaEscalation.short': 'Loket: eskalasi permohonan {trackingNumber} ke pimpinan instansi.',

    'notify.complaintReceived.label': 'Tanda terima laporan',
    'notify.complaintReceived.subject': 'Laporan {trackingId} sudah kami terima',
    'notify.complaintReceived.body':
      'Laporan Anda sudah kami terima dengan nomor {trackingId}.\n\nPetugas pengaduan akan memverifikasinya dalam 3 hari kerja, lalu meneruskannya ke instansi yang berwenang. Ikuti perkembangannya di:\n{link}\n\nSimpan pesan ini. Jangan bagikan tautan ini kepada orang lain.',
    'notify.complaintReceived.short': 'Loket: laporan {trackingId} diterima. Pantau di {link}',
    'notify.complaintForwarded.label': 'Laporan diteruskan',
    'notify.complaintForwarded.subject': 'Laporan {trackingId} diteruskan ke instansi',
    'notify.complaintForwarded.body': 'Laporan {trackingId} sudah diverifikasi dan diteruskan ke instansi yang berwenang untuk ditindaklanjuti.\n\n{link}',
    'notify.complaintForwarded.short': 'Loket: laporan {trackingId} diteruskan ke instansi. {link}',
    'notify.complaintArchived.label': 'Laporan diarsipkan',
    'notify.complaintArchived.subject': 'Laporan {trackingId} diarsipkan',
    'notify.complaintArchived.body': 'Laporan {trackingId} diarsipkan dan tidak diteruskan. Alasannya dapat Anda baca di:\n{link}',
    'notify.complaintArchived.short': 'Loket: laporan {trackingId} diarsipkan. Alasannya: {link}',
    'notify.complaintInformation.label': 'Permintaan keterangan pelapor',
    'notify.complaintInformation.subject': 'Instansi meminta keterangan tentang laporan {trackingId}',
    'notify.complaintInformation.body':
      'Instansi yang menangani laporan {trackingId} meminta keterangan tambahan dari Anda. Baca pesannya dan balas di:\n{link}',
    'notify.complaintInformation.short': 'Loket: instansi meminta keterangan tentang laporan {trackingId}. Balas di {link}',
    'notify.complaintResponded.label': 'Laporan ditanggapi',
    'notify.complaintResponded.subject': 'Laporan {trackingId} sudah ditanggapi',
    'notify.complaintResponded.body':
      'Instansi sudah menanggapi laporan {trackingId}. Baca tanggapannya, lalu terima atau tolak tanggapan itu di:\n{link}\n\nJika Anda tidak memberi jawaban, laporan ditutup otomatis setelah 10 hari kerja.',
    'notify.complaintResponded.short': 'Loket: laporan {trackingId} sudah ditanggapi. Baca di {link}',
    'notify.complaintClosed.label': 'Laporan ditutup',
    'notify.complaintClosed.subject': 'Laporan {trackingId} ditutup',
    'notify.complaintClosed.body': 'Laporan {trackingId} ditutup. Terima kasih sudah melapor.\n\n{link}',
    'notify.complaintClosed.short': 'Loket: laporan {trackingId} ditutup. {link}',
    'notify.complaintWarning.label': 'Batas waktu pengaduan hampir habis',
    'notify.complaintWarning.subject': 'Laporan {trackingId} mendekati batas waktu',
    'notify.complaintWarning.body': 'Tahap laporan {trackingId} harus selesai paling lambat {dueAt}.\n\n{link}',
    'notify.complaintWarning.short': 'Loket: laporan {trackingId} harus ditangani paling lambat {dueAt}.',
    'notify.complaintBreach.label': 'Batas waktu pengaduan terlampaui',
    'notify.complaintBreach.subject': 'Laporan {trackingId} melewati batas waktu',
    'notify.complaintBreach.body': 'Tahap laporan {trackingId} melewati batas waktunya. Segera tindak lanjuti.\n\n{link}',
    'notify.complaintBreach.short': 'Loket: laporan {trackingId} melewati batas waktu.',
    'notify.complaintEscalation.label': 'Eskalasi pengaduan ke pusat nasional',
    'notify.complaintEscalation.subject': 'Eskalasi: laporan {trackingId} belum ditangani',
    'notify.complaintEscalation.body':
      'Laporan {trackingId} tetap belum ditangani setelah batas waktunya terlampaui dan kini dieskalasi ke pusat pengaduan nasional.\n\n{link}',
    'notify.complaintEscalation.short': 'Loket: laporan {trackingId} dieskalasi ke pusat pengaduan nasional.',

    'notify.channel.email': 'Surel',
    'notify.channel.sms': 'SMS',
    'notify.channel.whatsapp': 'WhatsApp',
    'notify.status.pending': 'Menunggu',
    'notify.status.sending': 'Sedang dikirim',
    'notify.status.sent': 'Terkirim',
    'notify.status.failed': 'Tidak dapat dikirim',
    'notify.status.dead': 'Gagal, tidak dicoba lagi',

    'notify.mailbox.title': 'Kotak pesan pengembangan',
    'notify.mailbox.lead':
      'Halaman ini hanya ada di lingkungan pengembangan, tidak pernah di produksi. Di sini Anda dapat membaca pesan yang dikirim Loket, misalnya kode verifikasi, tanpa server surel atau layanan pengiriman SMS.',
    'notify.mailbox.refresh': 'Muat ulang daftar pesan',
    'notify.mailbox.empty': 'Belum ada pesan. Pesan muncul di sini setelah Loket mengirimnya.',
    'notify.mailbox.order': 'Pesan terbaru ada di atas. Halaman ini menampilkan paling banyak {limit} pesan.',
    'notify.mailbox.time': 'Waktu',
    'notify.mailbox.channel': 'Saluran',
    'notify.mailbox.recipient': 'Penerima',
    'notify.mailbox.status': 'Status',
    'notify.mailbox.subject': 'Subjek',
    'notify.mailbox.message': 'Isi pesan',
    'notify.mailbox.attempts': 'Percobaan: {count}',
    'notify.mailbox.lastError': 'Kesalahan terakhir: {reason}',
    'notify.mailbox.unreadable': 'Pesan ini tidak dapat ditampilkan.',
  },
  en: {
    'notify.email.greeting': 'Hello,',
    'notify.email.footer': 'Loket sent this message automatically. You do not need to reply.',

    'notify.verifyContact.label': 'Contact verification code',
    'notify.verifyContact.subject': 'Your Loket verification code',
    'notify.verifyContact.body':
      'Your verification code:\n\n{code}\n\nEnter this code in Loket to confirm that this e-mail address is yours. The code is valid for 10 minutes.\n\nDo not give this code to anyone, including officers. Loket staff never ask for your code.\n\nIf you are not registering or changing your contact details in Loket, ignore this message.',
    'notify.verifyContact.short': 'Loket: your verification code is {code}. Valid for 10 minutes. Do not give it to anyone.',

    'notify.signInAlert.label': 'Sign-in alert',
    'notify.signInAlert.subject': 'New sign-in to your Loket account',
    'notify.signInAlert.body':
      'Your Loket account was just used to sign in.\n\nTime: {time}\nDevice: {device}\n\nIf this was you, you do not need to do anything.\n\nIf this was not you, sign in to Loket now, change your password, then sign out all devices from your account on your profile page.',
    'notify.signInAlert.short': 'Loket: your account was used to sign in at {time}. If this was not you, change your password now.',

    'notify.applicationSubmitted.label': 'Application received',
    'notify.applicationSubmitted.subject': 'Application {trackingNumber} has been received',
    'notify.applicationSubmitted.body':
      'Your application for {serviceName} has been received.\n\nApplication number: {trackingNumber}\nTo be completed by: {dueDate}\n\nKeep this application number. You can see the status of your application in Loket with this number.',
    'notify.applicationSubmitted.short': 'Loket: application {trackingNumber} has been received. To be completed by {dueDate}.',

    'notify.informationRequested.label': 'Request for more information',
    'notify.informationRequested.subject': 'Application {trackingNumber} needs your action',
    'notify.informationRequested.body':
      'An officer needs more information for application {trackingNumber}.\n\nOpen the page of your application, read the officer’s message, then send the information or documents asked for:\n\n{link}\n\nYour application is processed again once you send it.',
    'notify.informationRequested.short': 'Loket: application {trackingNumber} needs more information. Open {link}',

    'notify.applicationStatus.label': 'Application status changed',
    'notify.applicationStatus.subject': 'Application {trackingNumber}: {status}',
    'notify.applicationStatus.body': 'The status of application {trackingNumber} has changed.\n\nNew status: {status}\n\nSign in to Loket to see the details.',
    'notify.applicationStatus.short': 'Loket: application {trackingNumber} is now {status}.',

    'notify.documentReady.label': 'Document issued',
    'notify.documentReady.subject': 'The document for application {trackingNumber} has been issued',
    'notify.documentReady.body':
      'Application {trackingNumber} is complete and its document has been issued.\n\nDownload your document from the page of your application:\n\n{link}\n\nEvery document carries a QR code. Anyone can scan it to check that it is authentic.',
    'notify.documentReady.short': 'Loket: the document for application {trackingNumber} has been issued. Download it at {link}',

    'notify.paymentDue.label': 'Service fee due',
    'notify.paymentDue.subject': 'Pay the service fee for application {trackingNumber}',
    'notify.paymentDue.body':
      'Application {trackingNumber} has a service fee of {amount}.\n\nBilling code: {billingCode}\nValid until: {expiresAt}\n\nPay with this code at a bank or payment service that accepts state revenue. The details are on the page of your application:\n\n{link}',
    'notify.paymentDue.short': 'Loket: pay {amount} for application {trackingNumber} with billing code {billingCode} before {expiresAt}.',

    'notify.slaWarning.label': 'Time limit warning',
    'notify.slaWarning.subject': 'Application {trackingNumber} is nearing its time limit',
    'notify.slaWarning.body':
      'The step you handle for application {trackingNumber} has used 75% of its time and must be done by {dueAt}.\n\nOpen the application:\n\n{link}',
    'notify.slaWarning.short': 'Loket: application {trackingNumber} must be done by {dueAt}.',

    'notify.slaBreach.label': 'Time limit breached',
    'notify.slaBreach.subject': 'Application {trackingNumber} is past its time limit',
    'notify.slaBreach.body':
      'A step of application {trackingNumber} is past its time limit. The application has been flagged as late.\n\nCheck it and follow it up:\n\n{link}',
    'notify.slaBreach.short': 'Loket: application {trackingNumber} is past its time limit.',

    'notify.slaEscalation.label': 'Escalated to the head of the agency',
    'notify.slaEscalation.subject': 'Escalation: application {trackingNumber} is repeatedly late',
    'notify.slaEscalation.body':
      'Application {trackingNumber} has passed its time limit more than once and has moved to the queue of the head of the agency.\n\nOpen the application:\n\n{link}',
    'notify.slaEscalation.short': 'Loket: application {trackingNumber} escalated to the head of the agency.',

    'notify.complaintReceived.label': 'Report receipt',
    'notify.complaintReceived.subject': 'We received report {trackingId}',
    'notify.complaintReceived.body':
      'We received your report under number {trackingId}.\n\nThe complaints desk verifies it within 3 working days, then forwards it to the agency that can act. Follow it at:\n{link}\n\nKeep this message. Do not share this link with anyone.',
    'notify.complaintReceived.short': 'Loket: report {trackingId} received. Follow it at {link}',
    'notify.complaintForwarded.label': 'Report forwarded',
    'notify.complaintForwarded.subject': 'Report {trackingId} was forwarded to an agency',
    'notify.complaintForwarded.body': 'Report {trackingId} was verified and forwarded to the agency that can act on it.\n\n{link}',
    'notify.complaintForwarded.short': 'Loket: report {trackingId} was forwarded to an agency. {link}',
    'notify.complaintArchived.label': 'Report archived',
    'notify.complaintArchived.subject': 'Report {trackingId} was archived',
    'notify.complaintArchived.body': 'Report {trackingId} was archived and not forwarded. Read why at:\n{link}',
    'notify.complaintArchived.short': 'Loket: report {trackingId} was archived. Why: {link}',
    'notify.complaintInformation.label': 'Information requested from the reporter',
    'notify.complaintInformation.subject': 'The agency asks about report {trackingId}',
    'notify.complaintInformation.body': 'The agency handling report {trackingId} asks you for more information. Read its message and reply at:\n{link}',
    'notify.complaintInformation.short': 'Loket: the agency asks about report {trackingId}. Reply at {link}',
    'notify.complaintResponded.label': 'Report responded',
    'notify.complaintResponded.subject': 'Report {trackingId} has a response',
    'notify.complaintResponded.body':
      'The agency responded to report {trackingId}. Read the response, then accept or reject it at:\n{link}\n\nWithout your answer, the report closes by itself after 10 working days.',
    'notify.complaintResponded.short': 'Loket: report {trackingId} has a response. Read it at {link}',
    'notify.complaintClosed.label': 'Report closed',
    'notify.complaintClosed.subject': 'Report {trackingId} was closed',
    'notify.complaintClosed.body': 'Report {trackingId} was closed. Thank you for reporting.\n\n{link}',
    'notify.complaintClosed.short': 'Loket: report {trackingId} was closed. {link}',
    'notify.complaintWarning.label': 'Complaint time limit nearly used',
    'notify.complaintWarning.subject': 'Report {trackingId} is close to its time limit',
    'notify.complaintWarning.body': 'The current stage of report {trackingId} is due by {dueAt}.\n\n{link}',
    'notify.complaintWarning.short': 'Loket: report {trackingId} is due by {dueAt}.',
    'notify.complaintBreach.label': 'Complaint time limit breached',
    'notify.complaintBreach.subject': 'Report {trackingId} is past its time limit',
    'notify.complaintBreach.body': 'The current stage of report {trackingId} is past its time limit. Act on it now.\n\n{link}',
    'notify.complaintBreach.short': 'Loket: report {trackingId} is past its time limit.',
    'notify.complaintEscalation.label': 'Complaint escalated to the national desk',
    'notify.complaintEscalation.subject': 'Escalation: report {trackingId} is still not handled',
    'notify.complaintEscalation.body':
      'Report {trackingId} is still not handled well after its time limit and is now escalated to the national complaints desk.\n\n{link}',
    'notify.complaintEscalation.short': 'Loket: report {trackingId} escalated to the national complaints desk.',

    'notify.channel.email': 'E-mail',
    'notify.channel.sms': 'SMS',
    'notify.channel.whatsapp': 'WhatsApp',
    'notify.status.pending': 'Waiting',
    'notify.status.sending': 'Sending',
    'notify.status.sent': 'Sent',
    'notify.status.failed': 'Cannot be sent',
    'notify.status.dead': 'Failed, no more attempts',

    'notify.mailbox.title': 'Development mailbox',
    'notify.mailbox.lead':
      'This page exists only in development, never in production. Here you can read the messages Loket sends, such as verification codes, without a mail server or an SMS gateway.',
    'notify.mailbox.refresh': 'Reload the messages',
    'notify.mailbox.empty': 'No messages yet. Messages appear here once Loket sends them.',
    'notify.mailbox.order': 'The newest message is at the top. This page shows at most {limit} messages.',
    'notify.mailbox.time': 'Time',
    'notify.mailbox.channel': 'Channel',
    'notify.mailbox.recipient': 'Recipient',
    'notify.mailbox.status': 'Status',
    'notify.mailbox.subject': 'Subject',
    'notify.mailbox.message': 'Message',
    'notify.mailbox.attempts': 'Attempts: {count}',
    'notify.mailbox.lastError': 'Last error: {reason}',
    'notify.mailbox.unreadable': 'This message cannot be shown.',
  },
});
