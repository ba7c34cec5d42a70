'use strict';
// "Fill attendance" on the meeting form: asks the server for the committee's members on the
// meeting date (works before the meeting is first saved) and adds one inline row per member.
(function () {
  function ready(fn) {
    if (document.readyState !== 'loading') fn();
    else document.addEventListener('DOMContentLoaded', fn);
  }

  function rows(group) {
    return Array.from(group.querySelectorAll('.form-row[id^="attendances-"]:not(.empty-form)'));
  }

  function freeRow(group) {
    const empty = rows(group).find(function (row) {
      const person = row.querySelector('select[name$="-person"]');
      const deleted = row.querySelector('input[name$="-DELETE"]');
      return person && !person.value && !(deleted && deleted.checked);
    });
    if (empty) return empty;
    group.querySelector('.add-row a').click();
    const all = rows(group);
    return all[all.length - 1];
  }

  function fill(row, member) {
    const person = row.querySelector('select[name$="-person"]');
    person.append(new Option(member.name, member.person, true, true));
    if (window.django && django.jQuery) django.jQuery(person).trigger('change');
    else person.dispatchEvent(new Event('change', {bubbles: true}));
    row.querySelector('input[name$="-title"]').value = member.title;
    row.querySelector('select[name$="-committee_role"]').value = String(member.role);
    row.querySelector('input[name$="-order"]').value = member.order === null ? '' : String(member.order);
  }

  // A new agenda, difficulty or directive row is numbered after the rows above it.
  document.addEventListener('formset:added', function (event) {
    const order = event.target.querySelector('input[name$="-order"]');
    if (!order) return;
    const group = event.target.closest('.inline-group');
    // Attendance left blank follows the member order when saved.
    if (group.id === 'attendances-group') return;
    const numbers = Array.from(group.querySelectorAll('input[name$="-order"]'))
      .filter(function (input) { return input !== order && !input.name.includes('__prefix__'); })
      .map(function (input) { return parseInt(input.value, 10) || 0; });
    order.value = String(Math.max(0, ...numbers) + 1);
  });

  ready(function () {
    const box = document.getElementById('fill-attendance');
    const group = document.getElementById('attendances-group');
    if (!box || !group) return;
    const status = box.querySelector('[role="status"]');
    box.querySelector('button').addEventListener('click', async function () {
      const committee = document.getElementById('id_committee').value;
      const date = document.getElementById('id_start_0').value.trim();
      if (!committee || !date) {
        status.textContent = 'Chọn Ban và nhập ngày họp (dd/mm/yyyy) trước.';
        return;
      }
      const url = box.dataset.url + '?' + new URLSearchParams({committee: committee, date: date});
      let data;
      try {
        const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
        data = await response.json();
        if (!response.ok) {
          status.textContent = data.error || 'Không lấy được danh sách thành viên.';
          return;
        }
      } catch (error) {
        status.textContent = 'Không kết nối được máy chủ, vui lòng thử lại.';
        return;
      }
      const chosen = new Set(rows(group).map(function (row) {
        const person = row.querySelector('select[name$="-person"]');
        return person ? person.value : '';
      }).filter(Boolean));
      let added = 0;
      data.members.forEach(function (member) {
        if (chosen.has(String(member.person))) return;
        fill(freeRow(group), member);
        added += 1;
      });
      if (!data.members.length) status.textContent = 'Ban chưa có thành viên nào vào ngày ' + date + '.';
      else if (added) status.textContent = 'Đã thêm ' + added + ' người vào danh sách dự họp.';
      else status.textContent = 'Mọi thành viên đã có trong danh sách.';
    });
  });
})();
